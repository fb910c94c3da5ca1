import { useState } from 'react';
import { api, attempt } from '../api.js';
import { stageLabel, type Stage } from '../board/board-data.js';
import { Notice } from '../components/notice.js';
import { useLanguage } from '../i18n/language.js';
import { InlineForm } from '../my-day/inline-form.js';
import { useItemForms } from '../my-day/item-actions.js';
import { describeAdminError } from './admin-error.js';
import { StageFields, stageBody, type StageValues } from './stage-fields.js';

/** Where the focus goes once the page shows the change: a button of a stage, or the list's heading. */
export type StageFocus = { code: string; action: 'up' | 'down' | 'title' } | 'list';

/**
 * One stage of a program: its labels, stale threshold and milestone; edit it, move it up or down,
 * delete it. Edits and deletion go through a form under it; a move is sent at once.
 */
export function StageItem(props: {
  programCode: string;
  stages: Stage[];
  stage: Stage;
  onChanged: (message: string, focus: StageFocus | null) => Promise<void>;
}) {
  const { stage, stages, programCode } = props;
  const { t, language } = useLanguage();
  const forms = useItemForms<'edit' | 'delete'>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const index = stages.findIndex((s) => s.code === stage.code);
  const label = stageLabel(stage, language);
  const otherLabel = language === 'fr' ? stage.labelEn : stage.labelFr;
  const titleId = `stage-${stage.code}-title`;

  const move = async (direction: 'up' | 'down') => {
    if (busy) return;
    const codes = stages.map((s) => s.code);
    const to = direction === 'up' ? index - 1 : index + 1;
    [codes[index], codes[to]] = [codes[to], codes[index]];
    setBusy(true);
    setProblem(null);
    const outcome = await attempt(() =>
      api.PUT('/programs/{code}/stages/order', { params: { path: { code: programCode } }, body: { codes } }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(describeAdminError(t, outcome.status, outcome.body));
    await props.onChanged(t('stages.moved', { label, position: to + 1 }), { code: stage.code, action: direction });
  };

  return (
    <li className="item" data-testid="stage-row" data-stage-code={stage.code}>
      <div className="item__summary">
        <div className="item__text">
          <p className="item__title" id={titleId} tabIndex={-1} data-stage-action={`${stage.code}:title`}>
            {stage.position}. {label}
          </p>
          <p className="item__meta">
            <span lang={language === 'fr' ? 'en' : 'fr'}>{t('stages.otherLabel', { label: otherLabel })}</span>
            <span>{t('stages.code', { code: stage.code })}</span>
            <span>
              {stage.staleAfterDays === null
                ? t('stages.neverStale')
                : t('stages.staleAfter', { days: stage.staleAfterDays })}
            </span>
            {stage.milestone && <span>{t('stages.milestone', { milestone: t(`milestone.${stage.milestone}`) })}</span>}
          </p>
        </div>
        <div className="item__actions">
          <button
            ref={forms.buttonRef('edit')}
            type="button"
            className="button"
            aria-expanded={forms.open === 'edit'}
            aria-controls={forms.open === 'edit' ? `stage-${stage.code}-edit` : undefined}
            aria-describedby={titleId}
            onClick={() => forms.toggle('edit')}
          >
            {t('stages.edit')}
          </button>
          {(['up', 'down'] as const).map((direction) => (
            <button
              key={direction}
              type="button"
              className="button"
              data-stage-action={`${stage.code}:${direction}`}
              aria-describedby={titleId}
              disabled={direction === 'up' ? index === 0 : index === stages.length - 1}
              aria-disabled={busy}
              onClick={() => void move(direction)}
            >
              {direction === 'up' ? t('stages.moveUp') : t('stages.moveDown')}
            </button>
          ))}
          <button
            ref={forms.buttonRef('delete')}
            type="button"
            className="button"
            aria-expanded={forms.open === 'delete'}
            aria-controls={forms.open === 'delete' ? `stage-${stage.code}-delete` : undefined}
            aria-describedby={titleId}
            onClick={() => forms.toggle('delete')}
          >
            {t('stages.delete')}
          </button>
        </div>
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      {forms.open === 'edit' && (
        <EditForm
          id={`stage-${stage.code}-edit`}
          programCode={programCode}
          stage={stage}
          onCancel={forms.close}
          onSaved={(text) => {
            // The form closes and its button gets the focus back.
            forms.close();
            return props.onChanged(text, null);
          }}
        />
      )}
      {forms.open === 'delete' && (
        <DeleteForm
          id={`stage-${stage.code}-delete`}
          programCode={programCode}
          stage={stage}
          onCancel={forms.close}
          // The stage leaves the list: the focus goes to the list's heading.
          onDeleted={(text) => props.onChanged(text, 'list')}
        />
      )}
    </li>
  );
}

function EditForm(props: {
  id: string;
  programCode: string;
  stage: Stage;
  onCancel: () => void;
  onSaved: (message: string) => Promise<void>;
}) {
  const { t, language } = useLanguage();
  const [values, setValues] = useState<StageValues>({
    labelFr: props.stage.labelFr,
    labelEn: props.stage.labelEn,
    staleAfterDays: props.stage.staleAfterDays === null ? '' : String(props.stage.staleAfterDays),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const body = stageBody(values);
    const outcome = await attempt(() =>
      api.PATCH('/programs/{code}/stages/{stageCode}', {
        params: { path: { code: props.programCode, stageCode: props.stage.code } },
        body,
      }),
    );
    setBusy(false);
    if (!outcome.ok) return setError(describeAdminError(t, outcome.status, outcome.body));
    await props.onSaved(t('stages.saved', { label: stageLabel(body, language) }));
  };

  return (
    <InlineForm
      id={props.id}
      label={t('stages.edit')}
      submitLabel={t('stages.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <StageFields idPrefix={props.id} values={values} onChange={setValues} />
    </InlineForm>
  );
}

function DeleteForm(props: {
  id: string;
  programCode: string;
  stage: Stage;
  onCancel: () => void;
  onDeleted: (message: string) => Promise<void>;
}) {
  const { t, language } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = stageLabel(props.stage, language);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const outcome = await attempt(() =>
      api.DELETE('/programs/{code}/stages/{stageCode}', {
        params: { path: { code: props.programCode, stageCode: props.stage.code } },
      }),
    );
    setBusy(false);
    // A stage that projects have used is refused (409), with the service's reason.
    if (!outcome.ok) return setError(describeAdminError(t, outcome.status, outcome.body));
    await props.onDeleted(t('stages.deleted', { label }));
  };

  return (
    <InlineForm
      id={props.id}
      label={t('stages.delete')}
      submitLabel={t('stages.confirmDeleteButton')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <p>{t('stages.confirmDelete', { label })}</p>
    </InlineForm>
  );
}
