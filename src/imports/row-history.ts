import { localDateOf, parseInstant } from '../common/time.js';
import type { ChangedProject, CohortRef, NewEnrollment } from './import-plan.js';
import { problemAt, type ImportProblem } from './import-problem.js';
import type { ExistingProject, ProjectFields } from './import-state.js';
import type { ProjectFileHeader } from './project-file-header.js';
import type { ImportRow } from './project-file-row.js';
import { planRowMoves, type DatedStep, type EnrollmentPosition } from './row-moves.js';
import type { ColumnName } from './row-references.js';

/** The steps after enrolment that the row dates: stages past the first, then the status it ends in. */
function stepsOf(row: ImportRow, fromPosition: number, col: ColumnName): DatedStep[] {
  const steps: DatedStep[] = row.stageDates
    .filter((d) => d.stage.position > fromPosition)
    .map((d) => ({ to: d.stage.code, date: d.date, column: d.column }));
  if (row.status !== 'active')
    steps.push({ to: row.status, date: row.statusOn!, column: col('statusOn'), reason: row.statusReason! });
  return steps;
}

export function newEnrollment(
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
export function changeOf(
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
  const previous: Partial<ProjectFields> = {};
  for (const field of Object.keys(fields) as (keyof ProjectFields)[]) {
    if (field === 'advisorId' && !header.columns.advisorEmail) continue;
    if (fields[field] !== existing[field]) {
      (changes as Record<string, unknown>)[field] = fields[field];
      (previous as Record<string, unknown>)[field] = existing[field];
    }
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
    return {
      row: row.row,
      projectId: existing.id,
      version: existing.version,
      changes,
      previous,
      newEnrollment: added,
      moved: null,
      contacts,
    };
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
  // What the database already holds is not asked again: a stage it records as reached (even one the
  // project later moved back from), or the status it already has.
  const steps = stepsOf(row, current?.position ?? 0, col).filter(
    (step) => step.to !== enrollment.status && !reached.has(step.to),
  );
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
    const recordedOn = localDateOf(enrollment.lastMovedAt);
    if (row.status === enrollment.status && row.statusOn !== recordedOn) {
      problems.push(
        problemAt(
          row.row,
          col('statusOn'),
          row.statusOn,
          `the project has been ${enrollment.status} since ${recordedOn}`,
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
    version: existing.version,
    changes,
    previous,
    newEnrollment: null,
    moved: moves.length > 0 ? { before: enrollment, moves, end } : null,
    contacts,
  };
}
