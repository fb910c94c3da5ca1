import { useLanguage } from '../i18n/language.js';

/** What an admin sets on a stage: its two labels and how long a project may sit in it unflagged. */
export interface StageValues {
  labelFr: string;
  labelEn: string;
  /** Days as typed; empty for never. */
  staleAfterDays: string;
}

export function stageBody(values: StageValues) {
  return {
    labelFr: values.labelFr.trim(),
    labelEn: values.labelEn.trim(),
    staleAfterDays: values.staleAfterDays === '' ? null : Number(values.staleAfterDays),
  };
}

export function StageFields(props: { idPrefix: string; values: StageValues; onChange: (values: StageValues) => void }) {
  const { t } = useLanguage();
  const { idPrefix, values } = props;
  const set = (key: keyof StageValues) => (event: { target: { value: string } }) =>
    props.onChange({ ...values, [key]: event.target.value });
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-label-fr`}>{t('stages.labelFrField')}</label>
        <input
          id={`${idPrefix}-label-fr`}
          lang="fr"
          required
          maxLength={200}
          value={values.labelFr}
          onChange={set('labelFr')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-label-en`}>{t('stages.labelEnField')}</label>
        <input
          id={`${idPrefix}-label-en`}
          lang="en"
          required
          maxLength={200}
          value={values.labelEn}
          onChange={set('labelEn')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-stale`}>{t('stages.staleAfterField')}</label>
        <input
          id={`${idPrefix}-stale`}
          className="input--number"
          type="number"
          min={1}
          max={3650}
          inputMode="numeric"
          aria-describedby={`${idPrefix}-stale-hint`}
          value={values.staleAfterDays}
          onChange={set('staleAfterDays')}
        />
        <p id={`${idPrefix}-stale-hint`} className="hint">
          {t('stages.staleAfterHint')}
        </p>
      </div>
    </>
  );
}
