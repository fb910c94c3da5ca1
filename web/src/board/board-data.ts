import type { components } from '../../../client/index.js';
import { api, attempt, type Outcome } from '../api.js';
import type { Language } from '../i18n/language.js';

export type Cohort = components['schemas']['CohortResponse'];
export type Program = components['schemas']['ProgramResponse'];
export type Stage = components['schemas']['StageResponse'];
export type Project = components['schemas']['ProjectResponse'];
export type Enrollment = components['schemas']['EnrollmentResponse'];

/** A project as the board shows it: with its enrollment in the cohort, and whether the service finds it stale. */
export interface Card {
  project: Project;
  enrollment: Enrollment;
  stale: boolean;
}

export interface BoardData {
  cohort: Cohort;
  program: Program;
  /** The program's stages, in order. */
  stages: Stage[];
  cards: Card[];
}

// The largest page the service gives; a cohort holds far fewer projects, but every page is read.
const PAGE_SIZE = 500;

/** Every project of the cohort matching `stale` (or all), reading page after page. */
async function cohortProjects(cohortId: number, stale?: 'true'): Promise<Outcome<Project[]>> {
  const projects: Project[] = [];
  for (let page = 1; ; page++) {
    const outcome = await attempt(() =>
      api.GET('/projects', { params: { query: { cohortId, stale, page, pageSize: PAGE_SIZE, sort: 'name' } } }),
    );
    if (!outcome.ok) return outcome;
    projects.push(...outcome.data.items);
    if (outcome.data.items.length === 0 || projects.length >= outcome.data.total)
      return { ok: true, data: projects, status: outcome.status };
  }
}

/**
 * The cohort, its program's stages and its projects. Staleness is the service's to judge (the
 * stage's threshold, snoozes): the stale projects are asked for, not worked out here.
 */
export async function loadBoard(cohortId: number): Promise<Outcome<BoardData>> {
  const cohort = await attempt(() => api.GET('/cohorts/{id}', { params: { path: { id: cohortId } } }));
  if (!cohort.ok) return cohort;
  const [program, projects, stale] = await Promise.all([
    attempt(() => api.GET('/programs/{code}', { params: { path: { code: cohort.data.programCode } } })),
    cohortProjects(cohortId),
    cohortProjects(cohortId, 'true'),
  ]);
  if (!program.ok) return program;
  if (!projects.ok) return projects;
  if (!stale.ok) return stale;
  const staleIds = new Set(stale.data.map((project) => project.id));
  const cards = projects.data.flatMap((project) => {
    const enrollment = project.enrollments.find((e) => e.cohortId === cohortId);
    return enrollment ? [{ project, enrollment, stale: staleIds.has(project.id) }] : [];
  });
  return {
    ok: true,
    status: 200,
    data: { cohort: cohort.data, program: program.data, stages: program.data.stages, cards },
  };
}

export function stageLabel(stage: { labelFr: string; labelEn: string }, language: Language): string {
  return language === 'fr' ? stage.labelFr : stage.labelEn;
}

export function programName(program: Program, language: Language): string {
  return language === 'fr' ? program.nameFr : program.nameEn;
}
