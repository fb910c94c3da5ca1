import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, attempt, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { PageHeading } from '../components/page-heading.js';
import { NewPasswordFields, passwordProblem } from '../components/password-fields.js';
import { PublicLayout } from '../components/public-layout.js';
import { useLanguage } from '../i18n/language.js';

/** The page the password-reset e-mail links to: `/app/reset-password?token=...`. */
export function ResetPasswordPage() {
  const { t } = useLanguage();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(t, password, confirmation);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    const outcome = await attempt(() => api.POST('/auth/password-reset', { body: { token, password } }));
    setBusy(false);
    if (outcome.ok) return setDone(true);
    setError(outcome.status === 422 ? t('reset.invalid') : describeError(t, outcome.status, outcome.body));
  };

  return (
    <PublicLayout>
      <PageHeading title={t('reset.title')} />
      {done ? (
        <>
          <Notice kind="success">{t('reset.done')}</Notice>
          <p>
            <Link to="/sign-in">{t('reset.goToSignIn')}</Link>
          </p>
        </>
      ) : !token ? (
        <Notice kind="error">{t('reset.missingToken')}</Notice>
      ) : (
        <>
          {error && <Notice kind="error">{error}</Notice>}
          <p>{t('reset.intro')}</p>
          <form className="form" onSubmit={(event) => void submit(event)}>
            <NewPasswordFields
              idPrefix="reset"
              passwordLabel={t('reset.password')}
              confirmLabel={t('reset.confirm')}
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
            />
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('form.saving') : t('reset.submit')}
            </button>
          </form>
        </>
      )}
    </PublicLayout>
  );
}
