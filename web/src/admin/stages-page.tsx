import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, attempt, type Outcome } from '../api.js';
import { programName, stageLabel, type Program, type Stage } from '../board/board-data.js';
import { Loaded } from '../components/loaded.js';
import { Notice } from '../components/notice.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import { describeAdminError } from './admin-error.js';
import { StageFields, stageBody, type StageValues } from './stage-fields.js';
import { StageItem, type StageFocus } from './stage-item.js';

async function loadStages(code: string): Promise<Outcome<{ program: Program; stages: Stage[] }>> {
  const [program, stages] = await Promise.all([
    attempt(() => api.GET('/programs/{code}', { params: { path: { code } } })),
    attempt(() => api.GET('/programs/{code}/stages', { params: { path: { code } } })),
  ]);
  if (!program.ok) return program;
  if (!stages.ok) return stages;
  return { ok: true, status: 200, data: { program: program.data, stages: stages.data } };
}

/** The route: another program's stages are another page, read anew. */
export function StagesRoute() {
  const code = useParams().code ?? '';
  return <StagesPage key={code} code={code} />;
}

/** A program's stages in order (`GET /programs/:code/stages`), each to edit, move or delete, and one to add. */
function StagesPage({ code }: { code: string }) {
  const { t, language } = useLanguage();
  const data = useApiData(() => loadStages(code));
  const [message, setMessage] = useState('');
  const [focus, setFocus] = useState<StageFocus | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focus === null) return;
    setFocus(null);
    if (focus === 'list') {
      listHeading.current?.focus();
      return;
    }
    const at = (action: string) =>
      document.querySelector<HTMLElement & { disabled?: boolean }>(`[data-stage-action="${focus.code}:${action}"]`);
    // A stage moved to an end has that button disabled: the other direction takes the focus.
    const target = at(focus.action);
    if (target && !target.disabled) target.focus();
    else at(focus.action === 'up' ? 'down' : 'up')?.focus();
  }, [focus, data.data]);

  /** After a change: says what changed, reads the stages again, then moves the focus if asked. */
  const changed = async (text: string, then: StageFocus | null) => {
    setMessage(text);
    await data.reload();
    if (then) setFocus(then);
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/programs">{t('stages.back')}</Link>
      </p>
      <PageHeading
        title={
          data.data
            ? t('stages.title', { program: programName(data.data.program, language) })
            : t('stages.titleUnknown')
        }
      />
      <p className="lead">{t('stages.intro')}</p>
      <div className="live-message" role="status">
        {message}
      </div>
      <Loaded data={data}>
        {({ stages }) => (
          <div className="admin-page">
            <section className="section" aria-labelledby="stages-list">
              <h2 id="stages-list" ref={listHeading} tabIndex={-1}>
                {t('stages.list')}
                <span className="count">{stages.length}</span>
              </h2>
              <ol className="items">
                {stages.map((stage) => (
                  <StageItem key={stage.code} programCode={code} stages={stages} stage={stage} onChanged={changed} />
                ))}
              </ol>
            </section>
            <AddStageForm
              programCode={code}
              onAdded={(text, stageCode) => changed(text, { code: stageCode, action: 'title' })}
            />
          </div>
        )}
      </Loaded>
    </>
  );
}

const EMPTY: StageValues = { labelFr: '', labelEn: '', staleAfterDays: '' };

/** A new stage, added last (`POST /programs/:code/stages`); moving it is done in the list. */
function AddStageForm(props: { programCode: string; onAdded: (message: string, code: string) => Promise<void> }) {
  const { t, language } = useLanguage();
  const [code, setCode] = useState('');
  const [values, setValues] = useState<StageValues>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const body = { code: code.trim(), ...stageBody(values) };
    const outcome = await attempt(() =>
      api.POST('/programs/{code}/stages', { params: { path: { code: props.programCode } }, body }),
    );
    setBusy(false);
    // A code already taken is a 409 whose message says so.
    if (!outcome.ok) return setError(describeAdminError(t, outcome.status, outcome.body));
    setCode('');
    setValues(EMPTY);
    await props.onAdded(t('stages.added', { label: stageLabel(body, language) }), body.code);
  };

  return (
    <section className="section" aria-labelledby="add-stage-title">
      <h2 id="add-stage-title">{t('stages.add')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="new-stage-code">{t('stages.codeField')}</label>
          <input
            id="new-stage-code"
            required
            maxLength={60}
            autoComplete="off"
            aria-describedby="new-stage-code-hint"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <p id="new-stage-code-hint" className="hint">
            {t('stages.codeHint')}
          </p>
        </div>
        <StageFields idPrefix="new-stage" values={values} onChange={setValues} />
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('form.saving') : t('stages.addSubmit')}
        </button>
      </form>
    </section>
  );
}
