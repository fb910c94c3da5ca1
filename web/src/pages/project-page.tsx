import { Link, useParams } from 'react-router';
import { api, attempt } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useCatalog } from '../project/catalog.js';
import { ContactsSection } from '../project/contacts-section.js';
import { EnrollmentsSection } from '../project/enrollments-section.js';
import { FinancingSection } from '../project/financing-section.js';
import { HoursSection } from '../project/hours-section.js';
import { JobsSection } from '../project/jobs-section.js';
import { Loaded } from '../components/loaded.js';
import { NotesSection } from '../project/notes-section.js';
import { ProjectFacts, type Project } from '../project/project-facts.js';
import { TasksSection } from '../project/tasks-section.js';
import { useApiData } from '../use-api-data.js';

/** The largest id the API takes in a path; a longer number names no project. */
const MAX_ID = 2_147_483_647;

/**
 * A project (`/app/projects/:id`): what it is, its enrollments with the history of their moves,
 * and, as far as the user's role may read them, its contacts, tasks, notes, hours, jobs and
 * financing. Each section reads its own part of the API.
 */
export function ProjectPage() {
  const { id } = useParams();
  const projectId = /^\d{1,10}$/.test(id ?? '') && Number(id) >= 1 && Number(id) <= MAX_ID ? Number(id) : null;
  // Another project's page starts afresh: no section keeps the previous project's data.
  return projectId === null ? <ProjectNotFound /> : <ProjectView key={projectId} id={projectId} />;
}

function ProjectView({ id }: { id: number }) {
  const { t } = useLanguage();
  const project = useApiData(() => attempt(() => api.GET('/projects/{id}', { params: { path: { id } } })));
  if (project.failure?.status === 404) return <ProjectNotFound />;
  if (project.data === null) {
    return (
      <>
        <PageHeading title={t('projectPage.title')} />
        <Loaded data={project}>{() => null}</Loaded>
      </>
    );
  }
  return <ProjectDetails project={project.data} />;
}

function ProjectDetails({ project }: { project: Project }) {
  const { t, language } = useLanguage();
  const catalog = useCatalog(t, language);
  return (
    <>
      <PageHeading title={project.name} />
      <ProjectFacts project={project} />
      <div className="project-layout">
        <div className="project-layout__main">
          <EnrollmentsSection project={project} catalog={catalog} />
          <HoursSection projectId={project.id} />
          <FinancingSection projectId={project.id} catalog={catalog} />
        </div>
        <div className="project-layout__side">
          {project.contacts && <ContactsSection contacts={project.contacts} />}
          <TasksSection projectId={project.id} />
          <NotesSection project={project} />
          <JobsSection projectId={project.id} />
        </div>
      </div>
    </>
  );
}

function ProjectNotFound() {
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('projectPage.notFoundTitle')} />
      <p>{t('projectPage.notFoundBody')}</p>
      <p>
        <Link to="/my-day">{t('notFound.back')}</Link>
      </p>
    </>
  );
}
