import { NavLink, Outlet } from 'react-router';
import { Notice } from '../components/notice.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useSession } from '../session.js';

/**
 * The admin pages, for admins only: the others are told so here (the API refuses them anyway).
 * Each admin page leads to the other by a small navigation of its own.
 */
export function RequireAdmin() {
  const { t } = useLanguage();
  const { user } = useSession();
  if (!user) return null;
  if (user.role !== 'admin') {
    return (
      <>
        <PageHeading title={t('admin.notAllowedTitle')} />
        <Notice kind="error">{t('admin.notAllowed')}</Notice>
      </>
    );
  }
  return (
    <>
      <nav aria-label={t('admin.nav')} className="sub-nav">
        <ul className="sub-nav__list">
          <li>
            <NavLink to="/admin/users">{t('admin.users')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/programs">{t('admin.programs')}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
