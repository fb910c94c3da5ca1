import type { components } from '../../../client/index.js';
import { useLanguage } from '../i18n/language.js';
import { REGION_NAMES } from './regions.js';

export type Project = components['schemas']['ProjectResponse'];

/** What the project is: its sector, kind, region, type of co-op, team size and advisor. */
export function ProjectFacts({ project }: { project: Project }) {
  const { t } = useLanguage();
  const facts: [string, string][] = [
    [t('projectPage.sector'), project.sector],
    [t('projectPage.kind'), t(`projectKind.${project.kind}`)],
    [t('projectPage.region'), `${REGION_NAMES[project.region]} (${project.region})`],
    [t('projectPage.coopType'), t(`coopType.${project.coopType}`)],
    [t('projectPage.entrepreneurs'), String(project.entrepreneurCount)],
    [t('projectPage.advisor'), project.advisor?.name ?? t('projectPage.noAdvisor')],
  ];
  return (
    <dl className="facts" data-testid="project-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
