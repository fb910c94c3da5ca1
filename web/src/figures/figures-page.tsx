import { useSearchParams } from 'react-router';
import { api, attempt } from '../api.js';
import { Loaded } from '../components/loaded.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import { CohortRatesAcrossYears } from './cohort-rates-across-years.js';
import { FigureDownloads } from './figure-downloads.js';
import { programName, yearsOf, type Cohort, type Program } from './figures-data.js';
import { Funnels } from './funnels.js';
import { ProgramYear } from './program-year.js';

/**
 * The federation's figures for a reporting year: a cohort program's year and its cohorts, their
 * rates across the years, the accompaniment programs' funnels, and every export and report. The
 * program and the year are in the address (`?program=&year=`), so that a view can be shared.
 */
export function FiguresPage() {
  const { t } = useLanguage();
  const programs = useApiData(() => attempt(() => api.GET('/programs')));
  const cohorts = useApiData(() => attempt(() => api.GET('/cohorts')));
  return (
    <>
      <PageHeading title={t('figures.title')} />
      <Loaded data={programs}>
        {(programList) => (
          <Loaded data={cohorts}>{(cohortList) => <Figures programs={programList} cohorts={cohortList} />}</Loaded>
        )}
      </Loaded>
    </>
  );
}

function Figures({ programs, cohorts }: { programs: Program[]; cohorts: Cohort[] }) {
  const { t, language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const cohortPrograms = programs.filter((program) => program.usesCohorts);
  const years = yearsOf(cohorts);
  const program = cohortPrograms.find((p) => p.code === params.get('program')) ?? cohortPrograms[0];
  const year = params.get('year') ?? years[0];
  const choose = (name: 'program' | 'year', value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };

  if (!program || !year) return <p className="empty">{t('figures.none')}</p>;
  return (
    <div className="figures-page">
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          {t('figures.program')}
          <select value={program.code} onChange={(event) => choose('program', event.target.value)}>
            {cohortPrograms.map((p) => (
              <option key={p.code} value={p.code}>
                {programName(p, language)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('figures.year')}
          <select value={year} onChange={(event) => choose('year', event.target.value)}>
            {(years.includes(year) ? years : [year, ...years]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </form>
      {/* Keyed by what they read: another program or year is a new read, not a stale page. */}
      <ProgramYear key={`year ${program.code} ${year}`} program={program} year={year} />
      <CohortRatesAcrossYears
        key={`rates ${program.code}`}
        program={program}
        years={yearsOf(cohorts.filter((cohort) => cohort.programCode === program.code))}
      />
      <Funnels key={`funnels ${year}`} programs={programs.filter((p) => !p.usesCohorts)} year={year} />
      <FigureDownloads program={program} year={year} />
    </div>
  );
}
