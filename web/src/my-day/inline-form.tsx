import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useLanguage } from '../i18n/language.js';
import { Notice } from '../components/notice.js';

/**
 * A small form opened under an item by one of its buttons: its first field takes the focus, Escape
 * or Cancel closes it and gives the focus back to the button that opened it.
 */
export function InlineForm(props: {
  id: string;
  label: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // A form with no field (a confirmation) puts the focus on its button.
    form.current?.querySelector<HTMLElement>('input, textarea, select, button[type="submit"]')?.focus();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!props.busy) props.onSubmit();
  };
  return (
    <form
      id={props.id}
      ref={form}
      className="inline-form"
      aria-label={props.label}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.children}
      <div className="inline-form__buttons">
        {/* Busy, not disabled: a disabled button would lose the focus, and the form with it. */}
        <button type="submit" className="button button--primary" aria-disabled={props.busy}>
          {props.busy ? t('form.saving') : props.submitLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
