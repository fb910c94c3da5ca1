import type { EntityManager } from 'typeorm';
import { Cohort } from '../cohorts/cohort.entity.js';
import { localDateOf } from '../common/time.js';
import { instantFromRow } from '../database/named-query.js';
import { inList, preparedQuery } from '../database/prepared-query.js';
import type { ProgramWithStages } from '../programs/programs.service.js';
import type { EnrollmentRow } from '../projects/enrollment.entity.js';
import { enrollmentFromRow, enrollmentsSql } from '../projects/move-statements.js';
import type { CoopType, ProjectKind } from '../projects/project.entity.js';
import { foldForSearch } from '../common/search-text.js';
import { User } from '../users/user.entity.js';
import type { ImportRow } from './project-file-row.js';

/** What a row says of a project itself, as the import compares and writes it. */
export interface ProjectFields {
  name: string;
  sector: string;
  kind: ProjectKind;
  coopType: CoopType;
  region: string;
  entrepreneurCount: number;
  advisorId: number | null;
}

/** A project the file may speak of, with what the import compares its row to. */
export interface ExistingProject extends ProjectFields {
  id: number;
  version: number;
  enrollments: EnrollmentRow[];
  /** By enrollment id: the Montréal date it first reached each stage or a later one, as the export writes it. */
  reached: Map<number, Map<string, string>>;
  contactEmails: Set<string>;
}

/** What the rows of a file are checked against, read in a few statements whatever the file's length. */
export interface ImportState {
  /** By `${programCode}|${number}`. */
  cohorts: Map<string, Cohort>;
  usersByEmail: Map<string, Pick<User, 'id' | 'role' | 'active'>>;
  projectsById: Map<number, ExistingProject>;
  /** By `${programCode}|${cohortId ?? ''}|${folded name}`: every project enrolled there under that name. */
  projectsByKey: Map<string, ExistingProject[]>;
}

export const cohortKey = (programCode: string, number: number) => `${programCode}|${number}`;
export const projectKey = (programCode: string, cohortId: number | null, name: string) =>
  `${programCode}|${cohortId ?? ''}|${foldForSearch(name)}`;

const candidatesSql = (manager: EntityManager) => `
  SELECT id FROM projects WHERE ${inList(manager, 'search_name', 'names')}
  UNION SELECT id FROM projects WHERE ${inList(manager, 'id', 'ids')}`;

const projectsSql = (manager: EntityManager) => `
  SELECT id, name, sector, kind, coop_type AS "coopType", region, entrepreneur_count AS "entrepreneurCount",
         advisor_id AS "advisorId", version
  FROM projects WHERE ${inList(manager, 'id', 'ids')}`;

const firstMovesSql = (manager: EntityManager) => `
  SELECT enrollment_id AS "enrollmentId", to_stage AS "toStage", MIN(occurred_at) AS "first"
  FROM transitions WHERE ${inList(manager, 'project_id', 'ids')}
  GROUP BY enrollment_id, to_stage`;

const contactsSql = (manager: EntityManager) =>
  `SELECT project_id AS "projectId", email FROM contacts WHERE ${inList(manager, 'project_id', 'ids')}`;

export async function readImportState(
  manager: EntityManager,
  programs: ProgramWithStages[],
  rows: ImportRow[],
): Promise<ImportState> {
  const cohorts = new Map(
    (await manager.find(Cohort)).map((c) => [cohortKey(c.programCode, c.number), { ...c, id: Number(c.id) }]),
  );
  const users = await manager.find(User, { select: { id: true, email: true, role: true, active: true } });
  const usersByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));

  const names = [...new Set(rows.map((r) => foldForSearch(r.name)))];
  const ids = [...new Set(rows.flatMap((r) => (r.projectId === null ? [] : [r.projectId])))];
  const candidates = (await preparedQuery<{ id: unknown }>(manager, candidatesSql(manager), { names, ids })).map((r) =>
    Number(r.id),
  );
  const projects = await readProjects(manager, programs, candidates);

  const projectsByKey = new Map<string, ExistingProject[]>();
  for (const project of projects.values()) {
    for (const enrollment of project.enrollments) {
      const key = projectKey(enrollment.programCode, enrollment.cohortId, project.name);
      projectsByKey.set(key, [...(projectsByKey.get(key) ?? []), project]);
    }
  }
  return { cohorts, usersByEmail, projectsById: projects, projectsByKey };
}

async function readProjects(
  manager: EntityManager,
  programs: ProgramWithStages[],
  ids: number[],
): Promise<Map<number, ExistingProject>> {
  const projects = new Map<number, ExistingProject>();
  if (ids.length === 0) return projects;
  for (const row of await preparedQuery<Record<string, unknown>>(manager, projectsSql(manager), { ids })) {
    const id = Number(row.id);
    projects.set(id, {
      id,
      name: String(row.name),
      sector: String(row.sector),
      kind: row.kind as ProjectKind,
      coopType: row.coopType as CoopType,
      region: String(row.region),
      entrepreneurCount: Number(row.entrepreneurCount),
      advisorId: row.advisorId === null ? null : Number(row.advisorId),
      version: Number(row.version),
      enrollments: [],
      reached: new Map(),
      contactEmails: new Set(),
    });
  }
  const enrollments = await preparedQuery<Record<keyof EnrollmentRow, unknown>>(manager, enrollmentsSql(manager), {
    ids,
  });
  const programOf = new Map<number, string>();
  for (const enrollment of enrollments.map(enrollmentFromRow)) {
    projects.get(enrollment.projectId)?.enrollments.push(enrollment);
    programOf.set(enrollment.id, enrollment.programCode);
  }

  // "Reached" as the export and the figures read it: the first move into the stage or any later one.
  const firstMoves = await preparedQuery<{ enrollmentId: unknown; toStage: string; first: unknown }>(
    manager,
    firstMovesSql(manager),
    { ids },
  );
  const byEnrollment = new Map<number, { toStage: string; first: Date }[]>();
  for (const move of firstMoves) {
    const id = Number(move.enrollmentId);
    byEnrollment.set(id, [
      ...(byEnrollment.get(id) ?? []),
      { toStage: move.toStage, first: instantFromRow(move.first) },
    ]);
  }
  for (const project of projects.values()) {
    for (const enrollment of project.enrollments) {
      const stages = programs.find((p) => p.code === enrollment.programCode)?.stages ?? [];
      const position = new Map(stages.map((s) => [s.code, s.position]));
      const moves = byEnrollment.get(enrollment.id) ?? [];
      const reached = new Map<string, string>();
      for (const stage of stages) {
        const first = moves
          .filter((m) => (position.get(m.toStage) ?? -1) >= stage.position)
          .reduce<Date | null>((min, m) => (min === null || m.first < min ? m.first : min), null);
        if (first !== null) reached.set(stage.code, localDateOf(first));
      }
      project.reached.set(enrollment.id, reached);
    }
  }

  for (const contact of await preparedQuery<{ projectId: unknown; email: string }>(manager, contactsSql(manager), {
    ids,
  })) {
    projects.get(Number(contact.projectId))?.contactEmails.add(contact.email.toLowerCase());
  }
  return projects;
}
