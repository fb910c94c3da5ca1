import { useLanguage } from '../i18n/language.js';

export const MIN_PASSWORD_LENGTH = 10;

/** What is wrong with a new password and its confirmation, before asking the service. */
export function passwordProblem(
  t: ReturnType<typeof useLanguage>['t'],
  password: string,
  confirmation: string,
): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return t('password.tooShort');
  if (password !== confirmation) return t('password.mismatch');
  return null;
}

/**
 * A new password twice, with the rule said beside it. The length is checked by passwordProblem,
 * not by the browser, so that the message is the app's, in the app's language.
 */
export function NewPasswordFields(props: {
  idPrefix: string;
  passwordLabel: string;
  confirmLabel: string;
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
}) {
  const { t } = useLanguage();
  const hint = `${props.idPrefix}-rules`;
  return (
    <>
      <div className="field">
        <label htmlFor={`${props.idPrefix}-password`}>{props.passwordLabel}</label>
        <input
          id={`${props.idPrefix}-password`}
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={hint}
          value={props.password}
          onChange={(event) => props.onPassword(event.target.value)}
        />
        <p id={hint} className="hint">
          {t('password.rules')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${props.idPrefix}-confirm`}>{props.confirmLabel}</label>
        <input
          id={`${props.idPrefix}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          value={props.confirmation}
          onChange={(event) => props.onConfirmation(event.target.value)}
        />
      </div>
    </>
  );
}
