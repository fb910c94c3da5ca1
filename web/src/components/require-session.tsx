import { Navigate, Outlet, useLocation } from 'react-router';
import { useLanguage } from '../i18n/language.js';
import { useSession } from '../session.js';

/**
 * The pages behind sign-in. Without a session the sign-in page opens, told where to come back to
 * (`?next=`), so that an expired token leads back to the same page once signed in again.
 */
export function RequireSession() {
  const { status, ended } = useSession();
  const location = useLocation();
  const { t } = useLanguage();
  if (status === 'restoring') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  // Signing out is not an interruption: nothing to come back to.
  if (status === 'signed-out' && ended === 'signed-out') return <Navigate to="/sign-in" replace />;
  if (status === 'signed-out') {
    // The app's root leads to Ma journée: come back there rather than to the root.
    // The fragment too: a digest's link points at a line of Ma journée (`#task-12`).
    const next = location.pathname === '/' ? '/my-day' : location.pathname + location.search + location.hash;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
