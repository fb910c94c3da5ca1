import { useMemo } from 'react';
import { api, attempt, type Outcome } from '../api.js';
import { Loaded } from '../components/loaded.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import { BarChart, type Series } from './bar-chart.js';
import { programName, type CohortFigures, type Program } from './figures-data.js';
import { formatRate } from './rate.js';

/** Reads every year's figures of the program, oldest first; the first refusal stands for all. */
async function cohortsOfYears(code: string, years: string[]): Promise<Outcome<CohortFigures[]>> {
  const outcomes = await Promise.all(
    [...years]
      .reverse()
      .map((year) => attempt(() => api.GET('/programs/{code}/stats', { params: { path: { code }, query: { year } } }))),
  );
  const refused = outcomes.find((outcome) => !outcome.ok);
  if (refused) return refused;
  const cohorts = outcomes.flatMap((outcome) => (outcome.ok ? outcome.data.cohorts : []));
  return { ok: true, data: cohorts, status: 200 };
}

/**
 * Each cohort's completion and start rates, every year of the program, as a chart and as the
 * table a screen reader reads. The percents are the service's.
 */
export function CohortRatesAcrossYears({ program, years }: { program: Program; years: string[] }) {
  const { t, language } = useLanguage();
  const figures = useApiData(() => cohortsOfYears(program.code, years));
  return (
    <section className="section" aria-labelledby="figures-across-years">
      <h2 id="figures-across-years">{t('figures.acrossYears', { program: programName(program, language) })}</h2>
      <Loaded data={figures}>
        {(cohorts) =>
          cohorts.length === 0 ? <p className="empty">{t('figures.noCohorts')}</p> : <RatesChart cohorts={cohorts} />
        }
      </Loaded>
    </section>
  );
}

function RatesChart({ cohorts }: { cohorts: CohortFigures[] }) {
  const { t, language } = useLanguage();
  const chart = useMemo(() => {
    const labels = cohorts.map((cohort) => t('figures.cohortOfYear', { number: cohort.number, year: cohort.year }));
    const series: Series[] = [
      {
        label: t('figures.completionRate'),
        values: cohorts.map((cohort) => cohort.completionRate?.percent ?? null),
        colour: '#1d6a96',
      },
      {
        label: t('figures.startRate'),
        values: cohorts.map((cohort) => cohort.startRate?.percent ?? null),
        colour: '#c05a12',
      },
    ];
    return { labels, series };
    // `t` is new at every render but changes only with the language: the chart is redrawn for
    // new data or another language, not at every render.
  }, [cohorts, language]);
  return (
    <>
      <BarChart
        labels={chart.labels}
        series={chart.series}
        max={100}
        unit={language === 'fr' ? ' %' : '%'}
        summary={t('figures.acrossYearsSummary', { count: cohorts.length })}
      />
      <details className="chart-data">
        <summary>{t('figures.chartData')}</summary>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('figures.cohort')}</th>
                <th scope="col">{t('figures.year')}</th>
                <th scope="col">{t('figures.completionRate')}</th>
                <th scope="col">{t('figures.startRate')}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.cohortId}>
                  <th scope="row">{t('figures.cohortName', { number: cohort.number, label: cohort.label })}</th>
                  <td>{cohort.year}</td>
                  <td>{formatRate(cohort.completionRate, language)}</td>
                  <td>{formatRate(cohort.startRate, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
