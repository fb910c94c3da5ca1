import { Link } from 'react-router';
import { api, attempt } from '../api.js';
import { Loaded } from '../components/loaded.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import { DownloadButtons } from './download-buttons.js';
import { programName, type CohortFigures, type Program } from './figures-data.js';
import { formatRate } from './rate.js';

/** A cohort program's figures for one reporting year, then each of its cohorts that year (keyed by both: a new choice is a new read). */
export function ProgramYear({ program, year }: { program: Program; year: string }) {
  const { t, language } = useLanguage();
  const stats = useApiData(() =>
    attempt(() => api.GET('/programs/{code}/stats', { params: { path: { code: program.code }, query: { year } } })),
  );
  return (
    <section className="section" aria-labelledby="figures-year">
      <h2 id="figures-year">{t('figures.yearOf', { program: programName(program, language), year })}</h2>
      <Loaded data={stats}>
        {(data) => (
          <>
            {data.pending && <p className="hint">{t('figures.pending')}</p>}
            <dl className="facts">
              <Figure label={t('figures.registered')} value={String(data.registered)} />
              <Figure label={t('figures.completionRate')} value={formatRate(data.completionRate, language)} />
              <Figure label={t('figures.startRate')} value={formatRate(data.startRate, language)} />
              <Figure label={t('figures.operating')} value={String(data.operating ?? '—')} />
              <Figure label={t('figures.abandoned')} value={String(data.abandoned)} />
              <Figure label={t('figures.onHold')} value={String(data.onHold)} />
              <Figure label={t('figures.entrepreneurs')} value={String(data.entrepreneurs)} />
            </dl>
            {data.cohorts.length === 0 ? (
              <p className="empty">{t('figures.noCohorts')}</p>
            ) : (
              <CohortsTable cohorts={data.cohorts} />
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function CohortsTable({ cohorts }: { cohorts: CohortFigures[] }) {
  const { t, language } = useLanguage();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{t('figures.cohortsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.cohort')}</th>
            <th scope="col">{t('figures.registered')}</th>
            <th scope="col">{t('figures.completionRate')}</th>
            <th scope="col">{t('figures.startRate')}</th>
            <th scope="col">{t('figures.satisfaction')}</th>
            <th scope="col">{t('figures.export')}</th>
          </tr>
        </thead>
        <tbody>
          {cohorts.map((cohort) => (
            <tr key={cohort.cohortId}>
              <th scope="row">
                <Link to={`/cohorts/${cohort.cohortId}/board`}>
                  {t('figures.cohortName', { number: cohort.number, label: cohort.label })}
                </Link>
              </th>
              <td>{cohort.registered}</td>
              <td>{formatRate(cohort.completionRate, language)}</td>
              <td>{formatRate(cohort.startRate, language)}</td>
              <td>
                <CohortSatisfaction cohortId={cohort.cohortId} />
              </td>
              <td>
                <DownloadButtons
                  what={t('figures.cohortName', { number: cohort.number, label: cohort.label })}
                  fileName={`cohorte-${cohort.number}`}
                  fetchFile={(format) =>
                    api.GET('/cohorts/{id}/export', {
                      params: { path: { id: cohort.cohortId }, query: { format, lang: language } },
                      parseAs: 'blob',
                    })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The share of participants satisfied (4 or 5 out of 5), as the service counts it. */
function CohortSatisfaction({ cohortId }: { cohortId: number }) {
  const { t, language } = useLanguage();
  const ratings = useApiData(() =>
    attempt(() => api.GET('/cohorts/{id}/ratings', { params: { path: { id: cohortId } } })),
  );
  if (ratings.failure) return <>{t('figures.unavailable')}</>;
  if (ratings.data === null) return <>…</>;
  if (ratings.data.satisfied === null) return <>{t('figures.noRatings')}</>;
  return <>{t('figures.satisfied', { rate: formatRate(ratings.data.satisfied, language) })}</>;
}
