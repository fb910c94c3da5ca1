import type { DeliveryMode } from '../cohorts/cohort.entity.js';
import { foldForSearch } from '../common/search-text.js';
import { parseInstant } from '../common/time.js';
import { PROJECT_FILE_COLUMNS, type ProjectFileColumn } from '../exports/project-file-columns.js';
import type { EnrollmentRow } from '../projects/enrollment.entity.js';
import { problemAt, type ImportProblem } from './import-problem.js';
import { cohortKey, projectKey, type ExistingProject, type ImportState, type ProjectFields } from './import-state.js';
import type { ProjectFileHeader } from './project-file-header.js';
import type { ImportRow } from './project-file-row.js';
import { planRowMoves, type DatedStep, type EnrollmentPosition, type ImportedMove } from './row-moves.js';

export interface NewCohort {
  key: string;
  programCode: string;
  number: number;
  label: string;
  startsOn: string;
  endsOn: string;
  deliveryMode: DeliveryMode;
}

/** A cohort by id when it exists, by key when the import creates it. */
export type CohortRef = { id: number } | { key: string } | null;

export interface NewEnrollment {
  programCode: string;
  /** Where the enrolment puts it, before the moves. */
  firstStage: string;
  cohort: CohortRef;
  enrolledAt: Date;
  moves: ImportedMove[];
  end: EnrollmentPosition;
}

export interface NewProject {
  row: number;
  fields: ProjectFields;
  enrollment: NewEnrollment;
  contacts: { name: string; email: string }[];
}

export interface ChangedProject {
  row: number;
  projectId: number;
  changes: Partial<ProjectFields>;
  /** A program the project was not in yet. */
  newEnrollment: NewEnrollment | null;
  /** Moves on an enrollment it had, from where the database has it. */
  moved: { before: EnrollmentRow; moves: ImportedMove[]; end: EnrollmentPosition } | null;
  contacts: { name: string; email: string }[];
}

export interface ImportPlan {
  problems: ImportProblem[];
  newCohorts: NewCohort[];
  matchedCohorts: number;
  newProjects: NewProject[];
  changedProjects: ChangedProject[];
  unchangedProjects: number;
}

/** What a plan creates and changes: what a dry run announces and an application then does. */
export interface ImportCounts {
  cohortsCreated: number;
  cohortsMatched: number;
  projectsCreated: number;
  projectsChanged: number;
  projectsUnchanged: number;
  enrollmentsCreated: number;
  movesCreated: number;
  contactsCreated: number;
}

export function countsOf(plan: ImportPlan): ImportCounts {
  const newEnrollments = [
    ...plan.newProjects.map((p) => p.enrollment),
    ...plan.changedProjects.flatMap((c) => (c.newEnrollment ? [c.newEnrollment] : [])),
  ];
  return {
    cohortsCreated: plan.newCohorts.length,
    cohortsMatched: plan.matchedCohorts,
    projectsCreated: plan.newProjects.length,
    projectsChanged: plan.changedProjects.length,
    projectsUnchanged: plan.unchangedProjects,
    enrollmentsCreated: newEnrollments.length,
    movesCreated:
      newEnrollments.reduce((n, e) => n + e.moves.length, 0) +
      plan.changedProjects.reduce((n, c) => n + (c.moved?.moves.length ?? 0), 0),
    contactsCreated:
      plan.newProjects.reduce((n, p) => n + p.contacts.length, 0) +
      plan.changedProjects.reduce((n, c) => n + c.contacts.length, 0),
  };
}

const ADVISOR_ROLES = ['advisor', 'coordinator', 'admin'];

/**
 * What applying the rows would do to the database as `state` holds it, or every reason it cannot:
 * written by nobody, so a dry run and an application answer the same.
 */
export const emptyPlan = (): ImportPlan => ({
  problems: [],
  newCohorts: [],
  matchedCohorts: 0,
  newProjects: [],
  changedProjects: [],
  unchangedProjects: 0,
});

export function planImport(rows: ImportRow[], state: ImportState, header: ProjectFileHeader, now: Date): ImportPlan {
  const col: ColumnName = (key) => header.columns[key]?.header ?? PROJECT_FILE_COLUMNS[key].fr;
  const plan = emptyPlan();
  const newCohorts = new Map<string, { cohort: NewCohort; row: number }>();
  const matchedCohorts = new Set<number>();
  const rowOfKey = new Map<string, number>();

  for (const row of rows) {
    const problems: ImportProblem[] = [];
    const at = (column: string | null, value: string | null, problem: string) =>
      problems.push(problemAt(row.row, column, value, problem));

    const cohort = cohortOf(row, state, newCohorts, at, col);
    if (cohort && 'id' in cohort) matchedCohorts.add(cohort.id);
    const advisorId = advisorOf(row, state, at, col);

    // The row's key: its project number when given, else its program, cohort and name.
    const cohortPart = cohort === null ? '' : 'id' in cohort ? String(cohort.id) : `new:${cohort.key}`;
    const key =
      row.projectId !== null ? `#${row.projectId}` : `${row.program.code}|${cohortPart}|${foldForSearch(row.name)}`;
    const earlier = rowOfKey.get(key);
    if (earlier !== undefined) at(null, null, `the same project as row ${earlier}`);
    rowOfKey.set(key, row.row);

    let existing: ExistingProject | null = null;
    if (row.projectId !== null) {
      existing = state.projectsById.get(row.projectId) ?? null;
      if (!existing) at(col('projectId'), String(row.projectId), 'no project has this number in this database');
    } else if (cohort === null || 'id' in cohort) {
      const found = state.projectsByKey.get(projectKey(row.program.code, cohort?.id ?? null, row.name)) ?? [];
      if (found.length > 1)
        at(null, row.name, `${found.length} projects of this program and cohort have this name; give the N° de projet`);
      existing = found[0] ?? null;
    }

    const fields: ProjectFields = {
      name: row.name,
      sector: row.sector,
      kind: row.kind,
      coopType: row.coopType,
      region: row.region,
      entrepreneurCount: row.entrepreneurs,
      advisorId: advisorId ?? null,
    };
    if (problems.length > 0) {
      plan.problems.push(...problems);
      continue;
    }

    if (!existing) {
      const enrollment = newEnrollment(row, cohort, now, problems, col);
      if (enrollment) plan.newProjects.push({ row: row.row, fields, enrollment, contacts: row.contacts });
    } else {
      const change = changeOf(row, existing, fields, header, cohort, now, problems, col);
      if (change) plan.changedProjects.push(change);
      else if (problems.length === 0) plan.unchangedProjects++;
    }
    plan.problems.push(...problems);
  }
  plan.newCohorts = [...newCohorts.values()].map((c) => c.cohort);
  plan.matchedCohorts = matchedCohorts.size;
  return plan;
}

type At = (column: string | null, value: string | null, problem: string) => void;
/** The column as the file heads it, in the file's language. */
type ColumnName = (key: ProjectFileColumn) => string;

/** The row's cohort: one that exists, agreeing with the dates the row gives, or one the file creates. */
function cohortOf(
  row: ImportRow,
  state: ImportState,
  created: Map<string, { cohort: NewCohort; row: number }>,
  at: At,
  col: ColumnName,
): CohortRef {
  if (row.cohortNumber === null) return null;
  const key = cohortKey(row.program.code, row.cohortNumber);
  const existing = state.cohorts.get(key);
  if (existing) {
    if (row.cohortStartsOn !== null && row.cohortStartsOn !== existing.startsOn)
      at(col('cohortStartsOn'), row.cohortStartsOn, `cohort ${row.cohortNumber} starts on ${existing.startsOn}`);
    if (row.cohortEndsOn !== null && row.cohortEndsOn !== existing.endsOn)
      at(col('cohortEndsOn'), row.cohortEndsOn, `cohort ${row.cohortNumber} ends on ${existing.endsOn}`);
    return { id: existing.id };
  }
  const { cohortStartsOn: startsOn, cohortEndsOn: endsOn, cohortDelivery: deliveryMode } = row;
  const missing = [
    startsOn === null && col('cohortStartsOn'),
    endsOn === null && col('cohortEndsOn'),
    deliveryMode === null && col('cohortDelivery'),
  ].filter((m): m is string => m !== false);
  if (missing.length > 0) {
    at(
      col('cohort'),
      String(row.cohortNumber),
      `cohort ${row.cohortNumber} of ${row.program.code} does not exist; to create it, give ${missing.join(', ')}`,
    );
    return { key };
  }
  if (startsOn! > endsOn!) at(col('cohortEndsOn'), endsOn, `is before the cohort's start (${startsOn})`);
  const cohort: NewCohort = {
    key,
    programCode: row.program.code,
    number: row.cohortNumber,
    label: row.cohortLabel ?? `Cohorte ${row.cohortNumber}`,
    startsOn: startsOn!,
    endsOn: endsOn!,
    deliveryMode: deliveryMode!,
  };
  const first = created.get(key);
  if (!first) created.set(key, { cohort, row: row.row });
  else if (JSON.stringify(first.cohort) !== JSON.stringify(cohort))
    at(col('cohort'), String(row.cohortNumber), `describes cohort ${row.cohortNumber} otherwise than row ${first.row}`);
  return { key };
}

/** The advisor named by e-mail: an active advisor, coordinator or admin; never a new account. */
function advisorOf(row: ImportRow, state: ImportState, at: At, col: ColumnName): number | null | undefined {
  if (row.advisorEmail === null) return null;
  const user = state.usersByEmail.get(row.advisorEmail);
  if (!user) return void at(col('advisorEmail'), row.advisorEmail, 'no user has this e-mail');
  if (!user.active || !ADVISOR_ROLES.includes(user.role))
    return void at(col('advisorEmail'), row.advisorEmail, 'is not an active advisor, coordinator or admin');
  return user.id;
}

/** The steps after enrolment that the row dates: stages past the first, then the status it ends in. */
function stepsOf(row: ImportRow, fromPosition: number, col: ColumnName): DatedStep[] {
  const steps: DatedStep[] = row.stageDates
    .filter((d) => d.stage.position > fromPosition)
    .map((d) => ({ to: d.stage.code, date: d.date, column: d.column }));
  if (row.status !== 'active')
    steps.push({ to: row.status, date: row.statusOn!, column: col('statusOn'), reason: row.statusReason! });
  return steps;
}

function newEnrollment(
  row: ImportRow,
  cohort: CohortRef,
  now: Date,
  problems: ImportProblem[],
  col: ColumnName,
): NewEnrollment | null {
  const [first] = row.program.stages;
  const firstDate = row.stageDates.find((d) => d.stage.code === first.code);
  if (firstDate && firstDate.date !== row.enrolledOn) {
    problems.push(
      problemAt(
        row.row,
        firstDate.column,
        firstDate.date,
        `the first stage is reached on enrolment, ${row.enrolledOn}`,
      ),
    );
    return null;
  }
  const enrolledAt = parseInstant(row.enrolledOn)!;
  if (enrolledAt > now) {
    problems.push(problemAt(row.row, col('enrolledOn'), row.enrolledOn, 'is in the future'));
    return null;
  }
  const start: EnrollmentPosition = {
    programCode: row.program.code,
    stageCode: first.code,
    status: 'active',
    statusReason: null,
    stageEnteredAt: enrolledAt,
    lastMovedAt: enrolledAt,
  };
  const {
    moves,
    end,
    problems: found,
  } = planRowMoves(row.row, start, row.program.stages, stepsOf(row, first.position, col), now);
  problems.push(...found);
  if (found.length > 0) return null;
  return { programCode: row.program.code, firstStage: first.code, cohort, enrolledAt, moves, end };
}

/**
 * What the row changes on a project that exists. Its history is never rewritten: dates the
 * database already holds must agree, and the row can only add what comes after them.
 */
function changeOf(
  row: ImportRow,
  existing: ExistingProject,
  fields: ProjectFields,
  header: ProjectFileHeader,
  cohort: CohortRef,
  now: Date,
  problems: ImportProblem[],
  col: ColumnName,
): ChangedProject | null {
  const changes: Partial<ProjectFields> = {};
  for (const field of Object.keys(fields) as (keyof ProjectFields)[]) {
    if (field === 'advisorId' && !header.columns.advisorEmail) continue;
    if (fields[field] !== existing[field]) (changes as Record<string, unknown>)[field] = fields[field];
  }
  const contacts = header.columns.contacts
    ? row.contacts.filter(
        (c, i) => !existing.contactEmails.has(c.email) && row.contacts.findIndex((o) => o.email === c.email) === i,
      )
    : [];

  const enrollment = existing.enrollments.find((e) => e.programCode === row.program.code);
  if (!enrollment) {
    const added = newEnrollment(row, cohort, now, problems, col);
    if (!added) return null;
    return { row: row.row, projectId: existing.id, changes, newEnrollment: added, moved: null, contacts };
  }

  const cohortId = cohort && 'id' in cohort ? cohort.id : null;
  if ((cohort !== null || enrollment.cohortId !== null) && cohortId !== enrollment.cohortId) {
    problems.push(
      problemAt(
        row.row,
        col('cohort'),
        row.cohortNumber === null ? '' : String(row.cohortNumber),
        'the project is in another cohort of this program; change its cohort by hand',
      ),
    );
    return null;
  }
  const reached = existing.reached.get(enrollment.id) ?? new Map<string, string>();
  const recordedEnrolment = reached.get(row.program.stages[0].code);
  if (recordedEnrolment !== undefined && recordedEnrolment !== row.enrolledOn) {
    problems.push(
      problemAt(row.row, col('enrolledOn'), row.enrolledOn, `the project was enrolled on ${recordedEnrolment}`),
    );
  }
  for (const stage of row.program.stages) {
    const recorded = reached.get(stage.code);
    const given = row.stageDates.find((d) => d.stage.code === stage.code);
    if (recorded !== undefined && given && given.date !== recorded)
      problems.push(
        problemAt(
          row.row,
          given.column,
          given.date,
          `the project reached this stage on ${recorded}; moves recorded are not rewritten`,
        ),
      );
    // A stage left empty is fine when the row dates a later one: it was passed on the way.
    const datesLater = row.stageDates.some((d) => d.stage.position >= stage.position);
    if (recorded !== undefined && !datesLater && stage.position > row.program.stages[0].position)
      problems.push(
        problemAt(
          row.row,
          null,
          null,
          `the project reached ${stage.labelFr} on ${recorded}; the row dates neither it nor a later stage`,
        ),
      );
  }
  if (problems.length > 0) return null;

  const current = row.program.stages.find((s) => s.code === enrollment.stageCode);
  const steps = stepsOf(row, current?.position ?? 0, col).filter((step) => step.to !== enrollment.status);
  if (enrollment.status !== 'active') {
    if (row.status === 'active') {
      problems.push(
        problemAt(
          row.row,
          col('status'),
          row.status,
          `the project is ${enrollment.status}; reopening it is a move by hand`,
        ),
      );
      return null;
    }
    if (row.status === enrollment.status && row.statusReason !== enrollment.statusReason) {
      problems.push(
        problemAt(
          row.row,
          col('statusReason'),
          row.statusReason,
          `the recorded reason is "${enrollment.statusReason ?? ''}"`,
        ),
      );
      return null;
    }
  }
  const { moves, end, problems: found } = planRowMoves(row.row, enrollment, row.program.stages, steps, now);
  problems.push(...found);
  if (found.length > 0) return null;
  if (moves.length === 0 && Object.keys(changes).length === 0 && contacts.length === 0) return null;
  return {
    row: row.row,
    projectId: existing.id,
    changes,
    newEnrollment: null,
    moved: moves.length > 0 ? { before: enrollment, moves, end } : null,
    contacts,
  };
}
