import { Navigate, Outlet, useLocation } from 'react-router';
import { useLanguage } from '../i18n/language.js';
import { useSession } from '../session.js';

/**
 * The pages behind sign-in. Without a session the sign-in page opens, told where to come back to
 * (`?next=`), so that an expired token leads back to the same page once signed in again.
 */
export function RequireSession() {
  const { status } = useSession();
  const location = useLocation();
  const { t } = useLanguage();
  if (status === 'restoring') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (status === 'signed-out') {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
