import { useMemo } from 'react';
import { api, attempt } from '../api.js';
import { Loaded } from '../components/loaded.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import { BarChart, type Series } from './bar-chart.js';
import { programName, type Funnel, type Program } from './figures-data.js';
import { formatRate } from './rate.js';

/** The year's funnel of each accompaniment program (those without cohorts). */
export function Funnels({ programs, year }: { programs: Program[]; year: string }) {
  return (
    <>
      {programs.map((program) => (
        <ProgramFunnel key={program.code} program={program} year={year} />
      ))}
    </>
  );
}

function ProgramFunnel({ program, year }: { program: Program; year: string }) {
  const { t, language } = useLanguage();
  const funnel = useApiData(() =>
    attempt(() => api.GET('/programs/{code}/funnel', { params: { path: { code: program.code }, query: { year } } })),
  );
  const headingId = `funnel-${program.code}`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('figures.funnelOf', { program: programName(program, language), year })}</h2>
      <Loaded data={funnel}>{(data) => <FunnelView funnel={data} />}</Loaded>
    </section>
  );
}

function FunnelView({ funnel }: { funnel: Funnel }) {
  const { t, language } = useLanguage();
  const label = (stage: { labelFr: string; labelEn: string }) => (language === 'fr' ? stage.labelFr : stage.labelEn);
  const chart = useMemo(() => {
    const series: Series[] = [
      { label: t('figures.reached'), values: funnel.stages.map((stage) => stage.reached), colour: '#1d6a96' },
    ];
    return { labels: funnel.stages.map(label), series };
    // Redrawn for new data or another language (`t` and `label` follow the language).
  }, [funnel, language]);
  const stageOf = new Map(funnel.stages.map((stage) => [stage.code, stage]));
  return (
    <>
      <p>{t('figures.funnelProjects', { count: funnel.projects })}</p>
      {funnel.pending && <p className="hint">{t('figures.pending')}</p>}
      <BarChart
        labels={chart.labels}
        series={chart.series}
        horizontal
        summary={t('figures.funnelSummary', { count: funnel.projects })}
      />
      <div className="table-scroll">
        <table className="table">
          <caption>{t('figures.stagesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.stage')}</th>
              <th scope="col">{t('figures.reached')}</th>
              <th scope="col">{t('figures.current')}</th>
              <th scope="col">{t('figures.medianDays')}</th>
            </tr>
          </thead>
          <tbody>
            {funnel.stages.map((stage) => (
              <tr key={stage.code}>
                <th scope="row">{label(stage)}</th>
                <td>{stage.reached}</td>
                <td>{stage.current}</td>
                <td>{stage.medianDays ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {funnel.milestones.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('figures.milestonesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('figures.stage')}</th>
                <th scope="col">{t('figures.reached')}</th>
                <th scope="col">{t('figures.fromPrevious')}</th>
                <th scope="col">{t('figures.fromFirst')}</th>
              </tr>
            </thead>
            <tbody>
              {funnel.milestones.map((milestone) => {
                const stage = stageOf.get(milestone.stageCode);
                return (
                  <tr key={milestone.stageCode}>
                    <th scope="row">{stage ? label(stage) : milestone.stageCode}</th>
                    <td>{milestone.reached}</td>
                    <td>{formatRate(milestone.fromPrevious, language)}</td>
                    <td>{formatRate(milestone.fromFirst, language)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
