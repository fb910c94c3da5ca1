import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { PageHeading } from '../components/page-heading.js';
import { PublicLayout } from '../components/public-layout.js';
import { setLanguage, useLanguage } from '../i18n/language.js';
import { session, useSession } from '../session.js';

/** Where to go after signing in: a page of the app (`?next=`), never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/my-day';
}

export function SignInPage() {
  const { t } = useLanguage();
  const { status, ended } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (status === 'signed-in') return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const login = await api.POST('/auth/login', { body: { email: email.trim(), password } });
      if (!login.data) {
        const status = login.response.status;
        const retryAfter = login.response.headers.get('retry-after') ?? '60';
        setError(
          status === 401
            ? t('signIn.wrong')
            : status === 429
              ? t('signIn.tooMany', { seconds: retryAfter })
              : describeError(t, status, login.error),
        );
        return;
      }
      const token = login.data.accessToken;
      const me = await api.GET('/users/me', { headers: { authorization: `Bearer ${token}` } });
      if (!me.data) {
        setError(describeError(t, me.response.status, me.error));
        return;
      }
      setLanguage(me.data.language);
      session.signedIn(token, me.data);
      void navigate(next, { replace: true });
    } catch {
      setError(t('error.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicLayout>
      <PageHeading title={t('signIn.title')} />
      {ended === 'expired' && <Notice kind="info">{t('signIn.expired')}</Notice>}
      {ended === 'signed-out' && <Notice kind="info">{t('signIn.signedOut')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <p>{t('signIn.intro')}</p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="sign-in-email">{t('signIn.email')}</label>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('signIn.password')}</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </PublicLayout>
  );
}
