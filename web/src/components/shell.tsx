import { NavLink, Outlet } from 'react-router';
import { api } from '../api.js';
import { useLanguage } from '../i18n/language.js';
import { session, useSession } from '../session.js';
import { LanguageSwitch } from './language-switch.js';

/** The frame of every signed-in page: the pages (Administration for admins only), the language, who is signed in, sign-out. */
export function Shell() {
  const { t } = useLanguage();
  const { user } = useSession();

  const signOut = async () => {
    const token = session.token();
    // The sign-in page opens as the session ends (RequireSession).
    session.clear('signed-out');
    // The token is revoked on the service too, so a copy of it works no more.
    if (token) await api.POST('/auth/logout', { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-name">{t('app.name')}</span>
          <nav aria-label={t('nav.label')}>
            <ul className="nav-list">
              <li>
                <NavLink to="/my-day">{t('nav.myDay')}</NavLink>
              </li>
              <li>
                <NavLink to="/cohorts">{t('nav.cohorts')}</NavLink>
              </li>
              <li>
                <NavLink to="/figures">{t('nav.figures')}</NavLink>
              </li>
              {user?.role === 'admin' && (
                <li>
                  <NavLink to="/admin">{t('nav.admin')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/account">{t('nav.account')}</NavLink>
              </li>
            </ul>
          </nav>
          <div className="app-header__tools">
            {user && <span className="signed-in-as">{t('nav.signedInAs', { name: user.name })}</span>}
            <LanguageSwitch />
            <button type="button" className="link-button" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}
