import { Link } from 'react-router';
import { api, attempt, type Outcome } from '../api.js';
import { programName, type Cohort, type Program } from '../board/board-data.js';
import { Loaded } from '../components/loaded.js';
import { PageHeading } from '../components/page-heading.js';
import { formatDate } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';

interface ProgramCohorts {
  program: Program;
  /** Newest first. */
  cohorts: Cohort[];
}

/** The programs given in cohorts (Parcours), each with its cohorts. */
async function loadCohorts(): Promise<Outcome<ProgramCohorts[]>> {
  const programs = await attempt(() => api.GET('/programs'));
  if (!programs.ok) return programs;
  const withCohorts = programs.data.filter((program) => program.usesCohorts);
  const lists = await Promise.all(
    withCohorts.map((program) =>
      attempt(() => api.GET('/cohorts', { params: { query: { programCode: program.code } } })),
    ),
  );
  const failed = lists.find((list) => !list.ok);
  if (failed) return failed;
  return {
    ok: true,
    status: 200,
    data: withCohorts.map((program, i) => ({
      program,
      // The service lists them oldest first; the current ones matter most here.
      cohorts: [...(lists[i].ok ? lists[i].data : [])].reverse(),
    })),
  };
}

/** The cohorts one can open the board of, by program, newest first. */
export function CohortsPage() {
  const { t, language } = useLanguage();
  const programs = useApiData(loadCohorts);
  return (
    <>
      <PageHeading title={t('cohorts.title')} />
      <p className="lead">{t('cohorts.intro')}</p>
      <Loaded data={programs}>
        {(data) => (
          <div className="cohort-programs">
            {data.map(({ program, cohorts }) => (
              <section key={program.code} className="section" aria-labelledby={`program-${program.code}`}>
                <h2 id={`program-${program.code}`}>{programName(program, language)}</h2>
                {cohorts.length === 0 ? (
                  <p className="empty">{t('cohorts.none')}</p>
                ) : (
                  <ul className="items">
                    {cohorts.map((cohort) => (
                      <li key={cohort.id} className="item" data-testid="cohort-row" data-cohort-id={cohort.id}>
                        <p className="item__title">
                          <Link to={`/cohorts/${cohort.id}/board`}>
                            {t('cohorts.cohort', { number: cohort.number, label: cohort.label })}
                          </Link>
                        </p>
                        <p className="item__meta">
                          <span>
                            {t('cohorts.dates', {
                              start: formatDate(cohort.startsOn, language),
                              end: formatDate(cohort.endsOn, language),
                            })}
                          </span>
                          <span>{t('cohorts.enrolled', { count: cohort.enrolledCount })}</span>
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        )}
      </Loaded>
    </>
  );
}
