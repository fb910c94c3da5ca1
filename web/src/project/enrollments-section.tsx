import { Link } from 'react-router';
import type { components } from '../../../client/index.js';
import { daysBetween, formatDate, localDateOf, todayInMontreal } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import type { Catalog } from './catalog.js';
import type { Project } from './project-facts.js';
import { Timeline } from './timeline.js';

type Enrollment = components['schemas']['EnrollmentResponse'];

/** Each program the project is in: its cohort, stage and status, and the history of its moves. */
export function EnrollmentsSection({ project, catalog }: { project: Project; catalog: Catalog }) {
  const { t } = useLanguage();
  return (
    <section className="section section--enrollments" aria-labelledby="section-enrollments">
      <h2 id="section-enrollments" tabIndex={-1}>
        {t('enrollments.title')}
      </h2>
      {project.enrollments.length === 0 ? (
        <p className="empty">{t('enrollments.empty')}</p>
      ) : (
        project.enrollments.map((enrollment) => (
          <EnrollmentCard key={enrollment.id} project={project} enrollment={enrollment} catalog={catalog} />
        ))
      )}
    </section>
  );
}

function EnrollmentCard({
  project,
  enrollment,
  catalog,
}: {
  project: Project;
  enrollment: Enrollment;
  catalog: Catalog;
}) {
  const { t, language } = useLanguage();
  const titleId = `enrollment-${enrollment.id}-title`;
  const enteredOn = localDateOf(enrollment.stageEnteredAt);
  const { cohort } = enrollment;
  return (
    <article
      className="enrollment"
      aria-labelledby={titleId}
      data-testid="enrollment"
      data-program-code={enrollment.programCode}
    >
      <h3 id={titleId}>{catalog.program(enrollment.programCode)}</h3>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('enrollment.cohort')}</dt>
          <dd>
            {cohort ? (
              <Link to={`/cohorts/${cohort.id}/board`}>
                {t('enrollment.cohortName', { number: cohort.number, label: cohort.label })}
              </Link>
            ) : (
              t('enrollment.noCohort')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('enrollment.stage')}</dt>
          <dd data-testid="current-stage">{language === 'fr' ? enrollment.stage.labelFr : enrollment.stage.labelEn}</dd>
        </div>
        <div>
          <dt>{t('enrollment.status')}</dt>
          <dd>
            <span className={`status status--${enrollment.status}`}>{t(`status.${enrollment.status}`)}</span>
            {enrollment.statusReason && (
              <span className="status-reason"> {t('enrollment.reason', { reason: enrollment.statusReason })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('enrollment.daysInStage')}</dt>
          <dd>
            {t('enrollment.daysSince', {
              days: daysBetween(enteredOn, todayInMontreal()),
              date: formatDate(enteredOn, language),
            })}
          </dd>
        </div>
      </dl>
      <Timeline projectId={project.id} programCode={enrollment.programCode} catalog={catalog} />
    </article>
  );
}
