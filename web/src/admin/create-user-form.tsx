import { useState, type FormEvent } from 'react';
import { api, attempt, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { LanguageSelect } from '../components/language-select.js';
import { NewPasswordFields, passwordProblem } from '../components/password-fields.js';
import { useLanguage, type Language } from '../i18n/language.js';
import type { User } from '../session.js';
import { ROLES, type Role } from './user-item.js';

/** A new account (`POST /users`), with a first password the admin hands over; the person changes it later. */
export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useLanguage();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('advisor');
  const [language, setChosenLanguage] = useState<Language>('fr');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = passwordProblem(t, password, confirmation);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    const outcome = await attempt(() =>
      api.POST('/users', { body: { name: name.trim(), email: email.trim(), role, language, password } }),
    );
    setBusy(false);
    if (!outcome.ok) {
      return setError(
        outcome.status === 409
          ? t('users.emailTaken', { email: email.trim() })
          : describeError(t, outcome.status, outcome.body),
      );
    }
    setName('');
    setEmail('');
    setRole('advisor');
    setChosenLanguage('fr');
    setPassword('');
    setConfirmation('');
    onCreated(outcome.data);
  };

  return (
    <section className="section" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.create')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="new-user-name">{t('users.name')}</label>
          <input
            id="new-user-name"
            autoComplete="off"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-user-email">{t('users.email')}</label>
          <input
            id="new-user-email"
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field field--short">
          <label htmlFor="new-user-role">{t('users.role')}</label>
          <select id="new-user-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--short">
          <label htmlFor="new-user-language">{t('users.language')}</label>
          <LanguageSelect id="new-user-language" value={language} onChange={setChosenLanguage} />
        </div>
        <p className="hint">{t('users.passwordHint')}</p>
        <NewPasswordFields
          idPrefix="new-user"
          passwordLabel={t('users.password')}
          confirmLabel={t('users.confirmPassword')}
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
        />
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('form.saving') : t('users.submit')}
        </button>
      </form>
    </section>
  );
}
