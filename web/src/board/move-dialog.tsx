import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Notice } from '../components/notice.js';
import { useLanguage } from '../i18n/language.js';
import { stageLabel, type Card, type Stage } from './board-data.js';
import { ABANDONED, describeWhere, ON_HOLD, targetsOf, type Target } from './moves.js';

/**
 * The keyboard's way to move a card, and where a drag that needs a reason or a note ends: a modal
 * dialog listing the columns the card can go to. The browser's modal dialog keeps the focus inside
 * it and closes on Escape; the board gives the focus back to the card's button.
 */
export function MoveDialog(props: {
  card: Card;
  stages: Stage[];
  /** The target a drag chose, when it needs a reason or a note. */
  initial: Target | null;
  /** Sends the move; answers the error to show, or null when the dialog may close. */
  onMove: (target: Target, text: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const { card, stages } = props;
  const { t, language } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const targets = targetsOf(card, stages);
  // The next stage is the likeliest move; a paused or abandoned project's, to take it up again.
  const next = stages.find((stage) => stage.position === card.enrollment.stage.position + 1);
  const preferred = targets.find((candidate) => candidate.column === next?.code) ?? targets[0];
  const [chosen, setChosen] = useState<string>(props.initial?.column ?? preferred?.column ?? '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = targets.find((candidate) => candidate.column === chosen) ?? null;
  const id = `move-${card.project.id}`;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    // A drag that chose where the card goes leaves only the reason or note to write.
    const first = props.initial ? 'textarea' : 'input:checked';
    (element.querySelector<HTMLElement>(first) ?? element.querySelector<HTMLElement>('input'))?.focus();
    return () => element.close();
    // Opened once, when the component mounts: the dialog lives as long as it does.
  }, []);

  const labelOf = (candidate: Target) => {
    if (candidate.to === ON_HOLD) return t('move.toOnHold');
    if (candidate.to === ABANDONED) return t('move.toAbandoned');
    const stage = stages.find(
      (s) => s.code === (candidate.to === 'reopen' ? card.enrollment.stage.code : candidate.to),
    );
    const label = stage ? stageLabel(stage, language) : candidate.to;
    return candidate.to === 'reopen' ? t('move.reopen', { stage: label }) : label;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    if (target.needs && !text.trim()) return setError(t('form.required'));
    setBusy(true);
    setError(null);
    const problem = await props.onMove(target, text.trim());
    setBusy(false);
    if (problem) setError(problem);
  };

  return (
    <dialog
      ref={dialog}
      className="move-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      {/* The app says what is missing, in its language, rather than the browser in its own. */}
      <form id={id} className="move-dialog__form" noValidate onSubmit={(event) => void submit(event)}>
        <h2 id={`${id}-title`}>{t('move.title', { name: card.project.name })}</h2>
        <p className="hint">
          {t('move.now', {
            where: describeWhere(t, language, stages, {
              stage: card.enrollment.stage.code,
              status: card.enrollment.status,
            }),
          })}
        </p>
        {error && <Notice kind="error">{error}</Notice>}
        <fieldset className="move-dialog__targets">
          <legend>{t('move.to')}</legend>
          {targets.map((candidate) => (
            <label key={candidate.column} className="choice">
              <input
                type="radio"
                name={`${id}-to`}
                value={candidate.column}
                checked={chosen === candidate.column}
                onChange={() => {
                  setChosen(candidate.column);
                  setError(null);
                }}
              />
              {labelOf(candidate)}
            </label>
          ))}
        </fieldset>
        {target?.needs && (
          <div className="field">
            <label htmlFor={`${id}-text`}>{t(target.needs === 'reason' ? 'move.reason' : 'move.note')}</label>
            <textarea
              id={`${id}-text`}
              rows={3}
              required
              maxLength={target.needs === 'reason' ? 500 : 5000}
              aria-describedby={`${id}-text-hint`}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
            <p id={`${id}-text-hint`} className="hint">
              {t(target.needs === 'reason' ? 'move.reasonHint' : 'move.noteHint')}
            </p>
          </div>
        )}
        <div className="inline-form__buttons">
          <button type="submit" className="button button--primary" disabled={busy || !target}>
            {busy ? t('move.moving') : t('move.submit')}
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
