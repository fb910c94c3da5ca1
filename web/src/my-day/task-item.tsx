import { useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../../../client/index.js';
import { api, attempt, describeError } from '../api.js';
import { WithElements } from '../components/with-elements.js';
import { addDays, daysBetween, formatDate, todayInMontreal } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { InlineForm } from './inline-form.js';
import { useItemForms } from './item-actions.js';
import { NoteForm } from './note-form.js';

export type Task = components['schemas']['FollowUpResponse'];

/**
 * One open task of the day: mark it done with what came of it, reschedule it, or add a note to its
 * project, each in a small form under it, without leaving the page.
 */
export function TaskItem(props: { task: Task; onChanged: (message: string, itemLeaves: boolean) => void }) {
  const { task } = props;
  const { t, language } = useLanguage();
  const forms = useItemForms<'done' | 'reschedule' | 'note'>();
  const today = todayInMontreal();
  const late = task.state === 'overdue' ? daysBetween(task.dueOn, today) : 0;
  const titleId = `task-${task.id}-title`;

  return (
    // The id is what a digest's link points at (`/app/my-day#task-12`); the page focuses it then.
    <li className="item" id={`task-${task.id}`} tabIndex={-1} data-testid="task-row" data-task-id={task.id}>
      <div className="item__summary">
        <div className="item__text">
          <p className="item__title" id={titleId}>
            {task.kind === 'check_in' && <span className="tag">{t('task.checkIn')}</span>}
            {task.note}
          </p>
          <p className="item__meta">
            <span>
              <WithElements
                text={t('task.project')}
                elements={{ name: <Link to={`/projects/${task.projectId}`}>{task.project.name}</Link> }}
              />
            </span>
            <span>{t('task.due', { date: formatDate(task.dueOn, language) })}</span>
            {late > 0 && <span className="late">{t('task.late', { days: late })}</span>}
          </p>
        </div>
        <div className="item__actions">
          {(
            [
              ['done', t('task.markDone')],
              ['reschedule', t('task.reschedule')],
              ['note', t('task.addNote')],
            ] as const
          ).map(([name, label]) => (
            <button
              key={name}
              ref={forms.buttonRef(name)}
              type="button"
              className={name === 'done' ? 'button button--primary' : 'button'}
              aria-expanded={forms.open === name}
              aria-controls={forms.open === name ? `task-${task.id}-${name}` : undefined}
              aria-describedby={titleId}
              onClick={() => forms.toggle(name)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {forms.open === 'done' && (
        <DoneForm id={`task-${task.id}-done`} task={task} onCancel={forms.close} onChanged={props.onChanged} />
      )}
      {forms.open === 'reschedule' && (
        <RescheduleForm
          id={`task-${task.id}-reschedule`}
          task={task}
          onCancel={forms.close}
          onChanged={props.onChanged}
        />
      )}
      {forms.open === 'note' && (
        <NoteForm
          id={`task-${task.id}-note`}
          project={task.project}
          onCancel={forms.close}
          onSaved={(message) => {
            // The task stays: the focus goes back to the button that opened the note.
            forms.close();
            props.onChanged(message, false);
          }}
        />
      )}
    </li>
  );
}

function DoneForm(props: {
  id: string;
  task: Task;
  onCancel: () => void;
  onChanged: (message: string, itemLeaves: boolean) => void;
}) {
  const { t } = useLanguage();
  const [outcome, setOutcome] = useState('');
  const [workers, setWorkers] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkIn = props.task.kind === 'check_in';

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      api.PATCH('/follow-ups/{id}', {
        params: { path: { id: props.task.id } },
        body: {
          done: true,
          ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
          ...(checkIn && workers !== '' ? { workers: Number(workers) } : {}),
        },
      }),
    );
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.status, result.body));
    props.onChanged(t('task.doneMessage', { note: props.task.note }), true);
  };

  return (
    <InlineForm
      id={props.id}
      label={t('task.markDone')}
      submitLabel={t('task.confirmDone')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <div className="field">
        <label htmlFor={`${props.id}-outcome`}>{t('task.outcome')}</label>
        <textarea
          id={`${props.id}-outcome`}
          rows={3}
          maxLength={5000}
          aria-describedby={`${props.id}-outcome-hint`}
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
        />
        <p id={`${props.id}-outcome-hint`} className="hint">
          {t('task.outcomeHint')}
        </p>
      </div>
      {checkIn && (
        <div className="field field--short">
          <label htmlFor={`${props.id}-workers`}>{t('task.workers')}</label>
          <input
            id={`${props.id}-workers`}
            type="number"
            min={0}
            max={100000}
            inputMode="numeric"
            value={workers}
            onChange={(event) => setWorkers(event.target.value)}
          />
        </div>
      )}
    </InlineForm>
  );
}

function RescheduleForm(props: {
  id: string;
  task: Task;
  onCancel: () => void;
  onChanged: (message: string, itemLeaves: boolean) => void;
}) {
  const { t, language } = useLanguage();
  const [dueOn, setDueOn] = useState(addDays(todayInMontreal(), 1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      api.PATCH('/follow-ups/{id}', { params: { path: { id: props.task.id } }, body: { dueOn } }),
    );
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.status, result.body));
    props.onChanged(t('task.rescheduledMessage', { date: formatDate(dueOn, language) }), true);
  };

  return (
    <InlineForm
      id={props.id}
      label={t('task.reschedule')}
      submitLabel={t('task.confirmReschedule')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <div className="field field--short">
        <label htmlFor={`${props.id}-date`}>{t('task.newDate')}</label>
        <input
          id={`${props.id}-date`}
          type="date"
          required
          value={dueOn}
          onChange={(event) => setDueOn(event.target.value)}
        />
      </div>
    </InlineForm>
  );
}
