import { api, attempt } from '../api.js';
import { formatDate } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import { ProjectSection } from './project-section.js';

/**
 * The jobs the project created or kept, and the people its co-op employs, as last counted; "not
 * recorded" is not zero, so it is said in words.
 */
export function JobsSection({ projectId }: { projectId: number }) {
  const { t, language } = useLanguage();
  const jobs = useApiData(() => attempt(() => api.GET('/projects/{id}/jobs', { params: { path: { id: projectId } } })));
  return (
    <ProjectSection id="jobs" title={t('jobs.title')} data={jobs}>
      {(figures) => (
        <>
          <dl className="facts facts--compact">
            {(['created', 'maintained', 'workers'] as const).map((kind) => (
              <div key={kind}>
                <dt>{t(`jobs.${kind}`)}</dt>
                <dd>{figures[kind] ?? t('jobs.none')}</dd>
              </div>
            ))}
          </dl>
          {figures.counts.length > 0 && (
            <ul className="items">
              {figures.counts.map((count) => (
                <li key={count.id} className="item">
                  <p className="item__title">{t(`jobs.count.${count.kind}`, { jobs: count.jobs })}</p>
                  <p className="item__meta">
                    <span>{t('jobs.countedOn', { date: formatDate(count.countedOn, language) })}</span>
                    <span>{t('timeline.by', { name: count.recordedBy.name })}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ProjectSection>
  );
}
