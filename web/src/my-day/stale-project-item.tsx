import { useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../../../client/index.js';
import { api, attempt, describeError } from '../api.js';
import { addDays, daysBetween, formatDate, localDateOf, todayInMontreal } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { InlineForm } from './inline-form.js';
import { useItemForms } from './item-actions.js';
import { NoteForm } from './note-form.js';

export type Project = components['schemas']['ProjectResponse'];

/**
 * A project that stopped moving: where it stands and since when; snooze its alert with a reason,
 * or add a note (which is activity, so it stops being stale).
 */
export function StaleProjectItem(props: {
  project: Project;
  onChanged: (message: string, itemLeaves: boolean) => void;
}) {
  const { project } = props;
  const { t, language } = useLanguage();
  const forms = useItemForms<'snooze' | 'note'>();
  const idle = daysBetween(localDateOf(project.lastActivityAt), todayInMontreal());
  const titleId = `project-${project.id}-title`;
  const enrollment = project.enrollments.find((e) => e.status === 'active') ?? project.enrollments[0];

  return (
    // The id is what a digest's link points at (`/app/my-day#project-7`); the page focuses it then.
    <li
      className="item"
      id={`project-${project.id}`}
      tabIndex={-1}
      data-testid="stale-project-row"
      data-project-id={project.id}
    >
      <div className="item__summary">
        <div className="item__text">
          <p className="item__title" id={titleId}>
            <Link to={`/projects/${project.id}`}>{project.name}</Link>
          </p>
          <p className="item__meta">
            {enrollment && (
              <span>
                {t('project.stage', {
                  stage: language === 'fr' ? enrollment.stage.labelFr : enrollment.stage.labelEn,
                })}
              </span>
            )}
            <span className="late">{t('project.since', { days: idle })}</span>
          </p>
        </div>
        <div className="item__actions">
          {(
            [
              ['snooze', t('project.snooze')],
              ['note', t('task.addNote')],
            ] as const
          ).map(([name, label]) => (
            <button
              key={name}
              ref={forms.buttonRef(name)}
              type="button"
              className="button"
              aria-expanded={forms.open === name}
              aria-controls={forms.open === name ? `project-${project.id}-${name}` : undefined}
              aria-describedby={titleId}
              onClick={() => forms.toggle(name)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {forms.open === 'snooze' && (
        <SnoozeForm
          id={`project-${project.id}-snooze`}
          project={project}
          onCancel={forms.close}
          onChanged={props.onChanged}
        />
      )}
      {forms.open === 'note' && (
        <NoteForm
          id={`project-${project.id}-note`}
          project={project}
          onCancel={forms.close}
          onSaved={(message) => props.onChanged(message, true)}
        />
      )}
    </li>
  );
}

function SnoozeForm(props: {
  id: string;
  project: Project;
  onCancel: () => void;
  onChanged: (message: string, itemLeaves: boolean) => void;
}) {
  const { t, language } = useLanguage();
  const today = todayInMontreal();
  const [until, setUntil] = useState(addDays(today, 14));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!reason.trim()) return setError(t('form.required'));
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      api.POST('/projects/{id}/snooze', {
        params: { path: { id: props.project.id } },
        body: { until, reason: reason.trim() },
      }),
    );
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.status, result.body));
    props.onChanged(t('project.snoozedMessage', { name: props.project.name, date: formatDate(until, language) }), true);
  };

  return (
    <InlineForm
      id={props.id}
      label={t('project.snooze')}
      submitLabel={t('project.confirmSnooze')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <div className="field field--short">
        <label htmlFor={`${props.id}-until`}>{t('project.snoozeUntil')}</label>
        <input
          id={`${props.id}-until`}
          type="date"
          required
          min={addDays(today, 1)}
          max={addDays(today, 365)}
          value={until}
          onChange={(event) => setUntil(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${props.id}-reason`}>{t('project.snoozeReason')}</label>
        <textarea
          id={`${props.id}-reason`}
          rows={2}
          required
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </InlineForm>
  );
}
