import type { QueryRunner } from 'typeorm';
import { insertRows } from '../support.js';

/** A row as the loaders write it: column name to value; a column left undefined is not written (its default applies). */
export type TableRecord = Record<string, unknown>;

/**
 * Inserts row objects keyed by column name. The columns are those the first record defines; every
 * record must define the same ones in the same order, or nothing is written (a missing value would
 * otherwise shift the rest into the wrong columns).
 */
export async function insertRecords(runner: QueryRunner, table: string, records: TableRecord[]): Promise<void> {
  if (records.length === 0) return;
  const defined = (record: TableRecord) => Object.keys(record).filter((column) => record[column] !== undefined);
  const columns = defined(records[0]);
  const rows = records.map((record) => {
    if (defined(record).join() !== columns.join())
      throw new Error(`a record for ${table} has the columns ${defined(record).join()}, not ${columns.join()}`);
    return columns.map((column) => record[column]);
  });
  await insertRows(runner, table, columns, rows);
}

type Instant = Date | string;

/** A cohort taught remotely. */
export const cohortRecord = (cohort: {
  programCode: string;
  number: number;
  label: string;
  startsOn: string;
  endsOn: string;
}): TableRecord => ({
  program_code: cohort.programCode,
  number: cohort.number,
  label: cohort.label,
  starts_on: cohort.startsOn,
  ends_on: cohort.endsOn,
  delivery_mode: 'remote',
});

/** The project columns the benches set; the rest keep the table's defaults unless given. */
export interface ProjectFields {
  id?: number;
  name: string;
  sector: string;
  kind: 'startup' | 'transfer';
  region: string;
  entrepreneurCount: number;
  fictitious: boolean;
  advisorId?: number;
  lastActivityAt?: Instant;
}

/** A worker co-op project in its first version, its search name the lower-cased name. */
export const projectRecord = (project: ProjectFields): TableRecord => ({
  id: project.id,
  name: project.name,
  search_name: project.name.toLowerCase(),
  sector: project.sector,
  kind: project.kind,
  coop_type: 'worker',
  region: project.region,
  entrepreneur_count: project.entrepreneurCount,
  advisor_id: project.advisorId,
  fictitious: project.fictitious,
  version: 1,
  last_activity_at: project.lastActivityAt,
});

/** "Coop n", a start-up of three in services, in region 06, as the benches on advisors' work load them. */
export const startupCoopRecord = (
  n: number,
  more: Pick<ProjectFields, 'id' | 'advisorId' | 'lastActivityAt'>,
): TableRecord =>
  projectRecord({
    name: `Coop ${n}`,
    sector: 'services',
    kind: 'startup',
    region: '06',
    entrepreneurCount: 3,
    fictitious: false,
    ...more,
  });

export interface EnrollmentFields {
  id?: number;
  projectId: number;
  programCode: string;
  cohortId: number | null;
  stage: string;
  status: string;
  statusReason?: string | null;
  version: number;
  enrolledAt: Instant;
  stageEnteredAt: Instant;
  lastMovedAt: Instant;
}

export const enrollmentRecord = (enrollment: EnrollmentFields): TableRecord => ({
  id: enrollment.id,
  project_id: enrollment.projectId,
  program_code: enrollment.programCode,
  cohort_id: enrollment.cohortId,
  stage_code: enrollment.stage,
  status: enrollment.status,
  status_reason: enrollment.statusReason ?? null,
  version: enrollment.version,
  enrolled_at: enrollment.enrolledAt,
  stage_entered_at: enrollment.stageEnteredAt,
  last_moved_at: enrollment.lastMovedAt,
});

export interface TransitionFields {
  enrollmentId: number;
  projectId: number;
  programCode: string;
  kind: string;
  fromStage: string | null;
  toStage: string;
  fromStatus: string | null;
  toStatus: string;
  at: Instant;
  note?: string | null;
  reason?: string | null;
}

/** A line of history the system recorded (no actor) at the moment it occurred. */
export const transitionRecord = (transition: TransitionFields): TableRecord => ({
  enrollment_id: transition.enrollmentId,
  project_id: transition.projectId,
  program_code: transition.programCode,
  kind: transition.kind,
  from_stage: transition.fromStage,
  to_stage: transition.toStage,
  from_status: transition.fromStatus,
  to_status: transition.toStatus,
  occurred_at: transition.at,
  recorded_at: transition.at,
  actor_id: null,
  source: 'system',
  note: transition.note ?? null,
  reason: transition.reason ?? null,
});

/** Projects, their enrolments and their history, held until flushed in multi-row inserts (in that order, for the keys). */
export class ProjectHistoryBatch {
  projects: TableRecord[] = [];
  enrollments: TableRecord[] = [];
  transitions: TableRecord[] = [];

  constructor(private readonly runner: QueryRunner) {}

  async flush(): Promise<void> {
    await insertRecords(this.runner, 'projects', this.projects);
    await insertRecords(this.runner, 'enrollments', this.enrollments);
    await insertRecords(this.runner, 'transitions', this.transitions);
    this.projects = [];
    this.enrollments = [];
    this.transitions = [];
  }
}

/** An open task, or a done one when doneAt is given. */
export const followUpRecord = (task: {
  projectId: number;
  assigneeId: number;
  dueOn: string;
  note: string;
  doneAt?: Instant | null;
}): TableRecord => ({
  project_id: task.projectId,
  assignee_id: task.assigneeId,
  due_on: task.dueOn,
  note: task.note,
  kind: 'task',
  done_at: task.doneAt ?? null,
});

/**
 * Inserts `count` active advisors who cannot sign in, advisor-0@bench.example onwards, and returns
 * the id of the first (the next after the highest id in the table).
 */
export async function insertAdvisors(
  runner: QueryRunner,
  count: number,
  languageOf: (index: number) => string = () => 'fr',
): Promise<number> {
  const [{ id: firstId }] = (await runner.query('SELECT MAX(id) + 1 AS id FROM users')) as { id: number }[];
  const advisors = Array.from({ length: count }, (_, i) => ({
    email: `advisor-${i}@bench.example`,
    name: `Conseillère ${i}`,
    role: 'advisor',
    language: languageOf(i),
    password_hash: 'not-a-hash',
    active: true,
  }));
  await insertRecords(runner, 'users', advisors);
  return Number(firstId);
}
