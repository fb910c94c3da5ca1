import type { EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import type { AuditTrail, AuditedChange } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Cohort } from '../cohorts/cohort.entity.js';
import { conflict } from '../common/domain-error.js';
import { foldForSearch } from '../common/search-text.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { FigureMarks } from '../figures/figure-marks.js';
import { Contact } from '../projects/contact.entity.js';
import { Enrollment } from '../projects/enrollment.entity.js';
import { updateEnrollmentsSql } from '../projects/move-statements.js';
import { contactCreation, projectCreation } from '../projects/project-audit.js';
import { Project } from '../projects/project.entity.js';
import { recordActivitySql } from '../projects/projects.service.js';
import { Transition } from '../projects/transition.entity.js';
import type { CohortRef, ImportPlan, NewEnrollment } from './import-plan.js';
import type { ImportedMove } from './row-moves.js';

/**
 * Rows per insert: well under SQLite's 32,766 bound parameters with the widest row (transitions,
 * 14 columns), and few enough statements that 10,000 projects go in within seconds.
 */
const CHUNK = 500;

async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const { identifiers } = await manager.insert(target, rows.slice(i, i + CHUNK));
    ids.push(...identifiers.map((row) => Number((row as { id: unknown }).id)));
  }
  return ids;
}

/** What the import writes besides the plan: the figures' marks and the audit trail. */
export interface ImportRecorders {
  figureMarks: FigureMarks;
  audit: AuditTrail;
}

/**
 * Writes a plan inside the caller's transaction: cohorts, projects, enrollments where the dates
 * leave them, each move as a transition dated by the file, contacts, and the figures' marks, so that
 * the recompute follows as it follows a move by hand. The cohorts, projects and contacts it creates
 * or changes are recorded in the audit trail, in bulk; its moves are transitions, not audited.
 */
export async function writeImportPlan(
  manager: EntityManager,
  actor: AuthenticatedUser,
  plan: ImportPlan,
  { figureMarks, audit }: ImportRecorders,
  now: Date,
): Promise<void> {
  const cohortIds = new Map<string, number>();
  const newCohorts = plan.newCohorts.map(({ key: _, ...cohort }) => ({ ...cohort, capacity: null }));
  const createdCohortIds = await insertAll(
    manager,
    Cohort,
    newCohorts.map((cohort) => manager.create(Cohort, cohort)),
  );
  plan.newCohorts.forEach((c, i) => cohortIds.set(c.key, createdCohortIds[i]));
  const cohortIdOf = (ref: CohortRef) => (ref === null ? null : 'id' in ref ? ref.id : cohortIds.get(ref.key)!);

  const projectIds = await insertAll(
    manager,
    Project,
    plan.newProjects.map(({ fields }) =>
      manager.create(Project, {
        ...fields,
        searchName: foldForSearch(fields.name),
        fictitious: false,
        version: 1,
        lastActivityAt: now,
      }),
    ),
  );

  // Enrollments that the import creates, for new projects and for programs an existing one joins.
  const enrolled: { projectId: number; enrollment: NewEnrollment }[] = [
    ...plan.newProjects.map((p, i) => ({ projectId: projectIds[i], enrollment: p.enrollment })),
    ...plan.changedProjects.flatMap((c) =>
      c.newEnrollment ? [{ projectId: c.projectId, enrollment: c.newEnrollment }] : [],
    ),
  ];
  const enrollmentRows = enrolled.map(({ projectId, enrollment: { programCode, cohort, enrolledAt, moves, end } }) =>
    manager.create(Enrollment, {
      projectId,
      programCode,
      cohortId: cohortIdOf(cohort),
      stageCode: end.stageCode,
      status: end.status,
      statusReason: end.statusReason,
      version: 1 + moves.length,
      enrolledAt,
      stageEnteredAt: end.stageEnteredAt,
      lastMovedAt: end.lastMovedAt,
    }),
  );
  const enrollmentIds = await insertAll(manager, Enrollment, enrollmentRows);

  const transition = (enrollmentId: number, projectId: number, programCode: string, move: ImportedMove) =>
    manager.create(Transition, {
      enrollmentId,
      projectId,
      programCode,
      ...move,
      recordedAt: now,
      actorId: actor.id,
      source: 'import',
      note: null,
    });
  const transitions: Transition[] = [];
  enrolled.forEach(({ projectId, enrollment }, i) => {
    transitions.push(
      transition(enrollmentIds[i], projectId, enrollment.programCode, {
        kind: 'enrol',
        fromStage: null,
        toStage: enrollment.firstStage,
        fromStatus: null,
        toStatus: 'active',
        occurredAt: enrollment.enrolledAt,
        reason: null,
      }),
    );
    for (const move of enrollment.moves)
      transitions.push(transition(enrollmentIds[i], projectId, enrollment.programCode, move));
  });

  // Enrollments that move on: from the version the plan read, or someone moved them meanwhile.
  const moved = plan.changedProjects.flatMap((c) => (c.moved ? [c.moved] : []));
  for (const { before, moves, end } of moved) {
    const updated = await preparedQuery(manager, updateEnrollmentsSql(manager), {
      stageCode: end.stageCode,
      status: end.status,
      statusReason: end.statusReason,
      stageEnteredAt: end.stageEnteredAt,
      lastMovedAt: end.lastMovedAt,
      version: before.version + moves.length,
      now,
      ids: [before.id],
      seen: before.version,
    });
    if (updated.length !== 1)
      throw conflict(
        `Project ${before.projectId} was moved while the file was applied; nothing was imported: apply it again`,
      );
    for (const move of moves) transitions.push(transition(before.id, before.projectId, before.programCode, move));
  }
  await insertAll(manager, Transition, transitions);

  for (const change of plan.changedProjects) {
    if (Object.keys(change.changes).length === 0) continue;
    const searchName = change.changes.name === undefined ? {} : { searchName: foldForSearch(change.changes.name) };
    const { affected } = await manager.update(
      Project,
      { id: change.projectId, version: change.version },
      { ...change.changes, ...searchName, version: change.version + 1 },
    );
    if (affected !== 1)
      throw conflict(
        `Project ${change.projectId} was changed while the file was applied; nothing was imported: apply it again`,
      );
  }
  const movedProjects = moved.map((m) => m.before.projectId);
  if (movedProjects.length) await preparedQuery(manager, recordActivitySql(manager), { now, ids: movedProjects });

  const contacts = [
    ...plan.newProjects.flatMap((p, i) => p.contacts.map((c) => ({ ...c, projectId: projectIds[i] }))),
    ...plan.changedProjects.flatMap((c) => c.contacts.map((contact) => ({ ...contact, projectId: c.projectId }))),
  ].map((c) => ({ ...c, language: 'fr' as const, consentPurpose: null, consentOn: null }));
  const contactIds = await insertAll(
    manager,
    Contact,
    contacts.map((c) => manager.create(Contact, c)),
  );

  const audited: AuditedChange[] = [
    ...newCohorts.map((cohort, i) => ({ entity: 'cohort' as const, id: createdCohortIds[i], after: cohort })),
    ...plan.newProjects.map(({ fields }, i) => projectCreation({ ...fields, id: projectIds[i], fictitious: false })),
    ...plan.changedProjects
      .filter(({ changes }) => Object.keys(changes).length > 0)
      .map(({ projectId, previous, changes }) => ({
        entity: 'project' as const,
        id: projectId,
        projectId,
        before: previous,
        after: changes,
      })),
    ...contacts.map((contact, i) => contactCreation({ ...contact, id: contactIds[i] })),
  ];
  await audit.recordAll(manager, actor, audited);

  // The figures of every cohort and program-year the import touched are marked in this transaction.
  await figureMarks.markEnrollments(manager, [...enrollmentRows, ...moved.map((m) => m.before)]);
}
