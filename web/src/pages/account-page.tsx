import { useState, type FormEvent } from 'react';
import { api, attempt, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { LanguageSelect } from '../components/language-select.js';
import { PageHeading } from '../components/page-heading.js';
import { NewPasswordFields, passwordProblem } from '../components/password-fields.js';
import { setLanguage, useLanguage, type Language } from '../i18n/language.js';
import { session, useSession, type User } from '../session.js';

type Message = { kind: 'error' | 'success'; text: string } | null;

/** The signed-in user's own account: name, language, password (`PATCH /users/me`). */
export function AccountPage() {
  const { t } = useLanguage();
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      <PageHeading title={t('account.title')} />
      <dl className="facts">
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </div>
      </dl>
      <div className="columns">
        <ProfileForm user={user} />
        <PasswordForm user={user} />
      </div>
    </>
  );
}

function ProfileForm({ user }: { user: User }) {
  const { t } = useLanguage();
  const [name, setName] = useState(user.name);
  const [language, setChosenLanguage] = useState<Language>(user.language);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const outcome = await attempt(() => api.PATCH('/users/me', { body: { name: name.trim(), language } }));
    setBusy(false);
    if (!outcome.ok) return setMessage({ kind: 'error', text: describeError(t, outcome.status, outcome.body) });
    const { accessToken: _token, tokenType: _type, expiresIn: _expires, ...updated } = outcome.data;
    session.updateUser(updated);
    setLanguage(updated.language);
    // Said in the language just chosen.
    setMessage({ kind: 'success', text: 'saved' });
  };

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile')}</h2>
      {message && <Notice kind={message.kind}>{message.kind === 'success' ? t('account.saved') : message.text}</Notice>}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="account-name">{t('account.name')}</label>
          <input
            id="account-name"
            autoComplete="name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="account-language">{t('account.language')}</label>
          <LanguageSelect
            id="account-language"
            describedBy="account-language-hint"
            value={language}
            onChange={setChosenLanguage}
          />
          <p id="account-language-hint" className="hint">
            {t('account.languageHint')}
          </p>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t('account.save')}
        </button>
      </form>
    </section>
  );
}

function PasswordForm({ user }: { user: User }) {
  const { t } = useLanguage();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(t, password, confirmation);
    if (problem) return setMessage({ kind: 'error', text: problem });
    setBusy(true);
    setMessage(null);
    const outcome = await attempt(() => api.PATCH('/users/me', { body: { password, currentPassword: current } }));
    setBusy(false);
    if (!outcome.ok) {
      const wrongCurrent = outcome.status === 422;
      return setMessage({
        kind: 'error',
        text: wrongCurrent ? t('account.wrongCurrent') : describeError(t, outcome.status, outcome.body),
      });
    }
    // Every earlier token of the account is revoked: the answer's is the one to use now.
    if (outcome.data.accessToken) session.replaceToken(outcome.data.accessToken);
    setCurrent('');
    setPassword('');
    setConfirmation('');
    setMessage({ kind: 'success', text: t('account.passwordChanged') });
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form className="form" onSubmit={(event) => void submit(event)}>
        {/* For password managers, which file the new password under this account's name. */}
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <div className="field">
          <label htmlFor="account-current-password">{t('account.currentPassword')}</label>
          <input
            id="account-current-password"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <NewPasswordFields
          idPrefix="account-new"
          passwordLabel={t('account.newPassword')}
          confirmLabel={t('account.confirmPassword')}
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}
