import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { LOCAL_ZONE, localDateOf, wholeDaysBetween } from '../common/time.js';
import { dialectOf, type Dialect } from '../database/dialect.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';
import { preparedQuery } from '../database/prepared-query.js';
import { GRANTED_STATUSES } from '../financing/funding-request.entity.js';
import type { Milestone, Stage } from '../programs/stage.entity.js';
import type { EnrollmentStatus } from '../projects/enrollment.entity.js';
import type { CoopType, ProjectKind } from '../projects/project.entity.js';

/** One project of a cohort as the exports show it. */
export interface ExportedProject {
  id: number;
  name: string;
  sector: string;
  kind: ProjectKind;
  coopType: CoopType;
  region: string;
  entrepreneurs: number;
  advisor: string | null;
  /** The advisor's e-mail, by which the import finds them; null when nobody is in charge, and for viewers. */
  advisorEmail: string | null;
  stage: { code: string; labelFr: string; labelEn: string };
  status: EnrollmentStatus;
  /** Why it was abandoned or put on hold: free text, null when active and for viewers. */
  statusReason: string | null;
  /** The Montréal date it was abandoned or put on hold (its last move); null when active. */
  statusOn: string | null;
  enrolledAt: Date;
  /** The Montréal date of enrolledAt. */
  enrolledOn: string;
  /**
   * By stage code, every stage of the program: the Montréal date on which the project first reached
   * the stage or a later one (the first stage's is its enrolment's); null if it has not.
   */
  stageDates: Record<string, string | null>;
  /** The same dates for the program's milestone stages, by milestone. */
  milestones: Partial<Record<Milestone, string | null>>;
  /** Whole Montréal days from enrolment to now. */
  daysInProgram: number;
  /** Cents granted to the project by its funding requests granted or paid. */
  financingGrantedCents: number;
  contacts?: { name: string; email: string }[];
}

/**
 * Small enough that a batch is done with before the next young-generation collection: a batch
 * that outlives two is promoted to the old generation, where it waits as garbage for a full
 * collection. With 1,000 rows an XLSX export grew the process by over 100 MB of such garbage; with
 * 500 it stays within a few MB on SQLite (bench/exports), and the extra queries cost nothing.
 */
export const EXPORT_BATCH_SIZE = 500;

type Value = string | number | Date | null;
type Row = Record<string, Value>;

/** A project's row as the read answers it: its columns in the SELECT's order, then one date per stage. */
type ProjectRow = [
  enrollmentId: number,
  stageCode: string,
  status: string,
  statusReason: string | null,
  enrolledAt: Value,
  enrolledOn: Value,
  statusOn: Value,
  projectId: number,
  name: string,
  sector: string,
  kind: string,
  coopType: string,
  region: string,
  entrepreneurCount: number,
  advisorName: string | null,
  advisorEmail: string | null,
  grantedCents: number | string,
  ...reached: Value[],
];
/** Where a ProjectRow's stage dates start. */
const FIRST_REACHED = 17;

/** What a reader may see beyond the stages, dates and figures. */
export interface CohortProjectsAccess {
  /** The contacts, personal information (only when asked, and for staff). */
  withContacts: boolean;
  /** The status reason, free text written about people. */
  withFreeText: boolean;
  /** The advisor's e-mail. */
  withEmails: boolean;
}

/**
 * The cents granted to the row's project, summed in the batch's own query: a sub-select on the
 * requests' project index, run for the batch's rows only.
 */
const GRANTED_CENTS = `(SELECT COALESCE(SUM(f.granted_cents), 0) FROM funding_requests f
           WHERE f.project_id = p.id AND f.status IN (${GRANTED_STATUSES.map((s) => `'${s}'`).join(', ')}))`;

/**
 * An instant, as the read answers it for its Montréal date: PostgreSQL answers the date itself,
 * sparing the driver a Date per cell; SQLite, which knows no time zones, the whole hours since the
 * epoch, a number, which localDateOfUtcHour turns into the local date (a number also spares the
 * driver a string per cell).
 */
const localDateSql = (dialect: Dialect, instant: string) =>
  dialect === 'postgres' ? `to_char((${instant}) AT TIME ZONE :zone, 'YYYY-MM-DD')` : `unixepoch(${instant}) / 3600`;

/**
 * A batch of the cohort's projects with the date each first reached each stage, in one query.
 * Keyset pagination on the enrollment id: each batch is one indexed range, however deep into the
 * cohort, and nothing holds a cursor open between batches. "Reached" as in the figures: the first
 * move into the stage or any later one, so a team that incorporated without anyone recording
 * "training completed" still has a date for it.
 *
 * SQLite walks the enrollments in id order and groups each one's moves as it goes, so the LIMIT
 * stops it after the batch. PostgreSQL reads each enrollment's moves in a lateral subquery, which
 * its plan runs only for the batch's rows, and answers the Montréal date itself, sparing the
 * driver a Date per cell; SQLite answers whole UTC hours, which localDateOfUtcHour turns into the
 * local date (see localDateSql).
 * (Two queries per batch through TypeORM's runner, the dates looked up by a list of 500 ids, took
 * about 40 % of a CSV export's time.)
 */
function projectsSql(dialect: Dialect, stageCount: number): string {
  const reached = Array.from(
    { length: stageCount },
    (_, i) => `MIN(CASE WHEN s.position >= :position${i} THEN t.occurred_at END)`,
  );
  const select = `
    SELECT e.id, e.stage_code, e.status, e.status_reason, e.enrolled_at, ${localDateSql(dialect, 'e.enrolled_at')},
           ${localDateSql(dialect, "CASE WHEN e.status <> 'active' THEN e.last_moved_at END")},
           p.id, p.name, p.sector, p.kind, p.coop_type, p.region, p.entrepreneur_count,
           u.name, u.email, ${GRANTED_CENTS}`;
  const from = `
    FROM enrollments e
    JOIN projects p ON p.id = e.project_id
    LEFT JOIN users u ON u.id = p.advisor_id`;
  const stageOfMove = `s.program_code = t.program_code AND s.code = t.to_stage`;
  const batch = `e.cohort_id = :cohortId AND e.id > :after`;
  if (stageCount === 0) return `${select} ${from} WHERE ${batch} ORDER BY e.id LIMIT :limit`;
  if (dialect === 'sqlite') {
    // The moves are grouped with nothing but the enrollment's id: SQLite copies every other column
    // of a grouped query at each row of the group (each move), and a batch has four times as many
    // moves as rows. The rest is joined to the batch's 500 ids.
    return `${select}, ${reached.map((_, i) => localDateSql(dialect, `g.reached${i}`)).join(', ')}
      FROM (
        SELECT e.id, ${reached.map((first, i) => `${first} AS reached${i}`).join(', ')}
        FROM enrollments e
        LEFT JOIN transitions t ON t.enrollment_id = e.id
        LEFT JOIN stages s ON ${stageOfMove}
        WHERE ${batch} GROUP BY e.id ORDER BY e.id LIMIT :limit) g
      JOIN enrollments e ON e.id = g.id
      JOIN projects p ON p.id = e.project_id
      LEFT JOIN users u ON u.id = p.advisor_id
      ORDER BY e.id`;
  }
  const dates = reached.map((first, i) => `to_char(${first} AT TIME ZONE :zone, 'YYYY-MM-DD') AS reached${i}`);
  return `${select}, ${reached.map((_, i) => `r.reached${i}`).join(', ')} ${from}
    CROSS JOIN LATERAL (
      SELECT ${dates.join(', ')}
      FROM transitions t JOIN stages s ON ${stageOfMove}
      WHERE t.enrollment_id = e.id) r
    WHERE ${batch} ORDER BY e.id LIMIT :limit`;
}

const CONTACTS_SQL = `
  SELECT c.project_id, c.name, c.email
  FROM contacts c
  WHERE c.project_id IN (:...projectIds)
  ORDER BY c.id`;

const HOUR_MS = 3_600_000;

/**
 * The Montréal date of an instant given as whole UTC hours since the epoch (as the read answers
 * them on SQLite), remembered by hour: Montréal's offset is whole hours and changes only on the
 * hour (as wallClockMs assumes), so an hour of UTC lies within one local day. A cohort's moves
 * fall in a few thousand hours, and a date a cell took a parse, a Date and a format before.
 */
function localDateOfUtcHour(): (hour: number) => string {
  const byHour = new Map<number, string>();
  return (hour) => {
    let date = byHour.get(hour);
    if (date === undefined) {
      date = localDateOf(new Date(hour * HOUR_MS));
      byHour.set(hour, date);
    }
    return date;
  };
}

/** Reads a cohort's projects in batches, with one query per batch (two with the contacts). */
@Injectable()
export class CohortProjectsReader {
  /** The read's SQL by number of stages, the only thing that changes it: one prepared statement each. */
  private readonly reads = new Map<number, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private readFor(stageCount: number): (parameters: Record<string, unknown>) => Promise<ProjectRow[]> {
    let sql = this.reads.get(stageCount);
    if (sql === undefined) this.reads.set(stageCount, (sql = projectsSql(dialectOf(this.dataSource), stageCount)));
    return (parameters) => preparedQuery<ProjectRow>(this.dataSource, sql, parameters, { arrays: true });
  }

  async *batches(
    cohortId: number,
    stages: Stage[],
    { withContacts, withFreeText, withEmails }: CohortProjectsAccess,
    batchSize = EXPORT_BATCH_SIZE,
  ): AsyncGenerator<ExportedProject[]> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const stageByCode = new Map(stages.map((s) => [s.code, s]));
    const milestones = stages.flatMap((s) => (s.milestone === null ? [] : [[s.milestone, s.code] as const]));
    const dialect = dialectOf(this.dataSource);
    const read = this.readFor(stages.length);
    const parameters: Record<string, unknown> = {
      cohortId,
      limit: batchSize,
      zone: LOCAL_ZONE,
      ...Object.fromEntries(stages.map((s, i) => [`position${i}`, s.position])),
    };
    const ofHour = dialect === 'postgres' ? null : localDateOfUtcHour();
    const localDate = (value: Value) =>
      value === null || value === undefined ? null : ofHour === null ? String(value) : ofHour(Number(value));

    let after = 0;
    for (;;) {
      const rows = await read({ ...parameters, after });
      if (rows.length === 0) return;

      const contacts = new Map<number, { name: string; email: string }[]>();
      if (withContacts) {
        const projectIds = rows.map(([, , , , , , , projectId]) => Number(projectId));
        for (const row of await namedQuery<Row>(manager, CONTACTS_SQL, { projectIds })) {
          const projectId = Number(row.project_id);
          if (!contacts.has(projectId)) contacts.set(projectId, []);
          contacts.get(projectId)!.push({ name: String(row.name), email: String(row.email) });
        }
      }

      // Nothing of this batch is used after the yield, so none of it is kept while the next is read.
      const full = rows.length === batchSize;
      after = Number(rows[rows.length - 1][0]);
      yield rows.map((row) => {
        const [
          ,
          stageCode,
          status,
          reason,
          enrolledInstant,
          enrolledOn,
          statusOn,
          id,
          name,
          sector,
          kind,
          coopType,
          region,
          entrepreneurs,
          advisor,
          advisorEmail,
          granted,
        ] = row;
        const stage = stageByCode.get(String(stageCode));
        const enrolledAt = instantFromRow(enrolledInstant);
        const stageDates: Record<string, string | null> = {};
        stages.forEach((s, i) => (stageDates[s.code] = localDate(row[FIRST_REACHED + i])));
        const reached: Partial<Record<Milestone, string | null>> = {};
        for (const [milestone, code] of milestones) reached[milestone] = stageDates[code];
        const project: ExportedProject = {
          id: Number(id),
          name: String(name),
          sector: String(sector),
          kind: kind as ProjectKind,
          coopType: coopType as CoopType,
          region: String(region),
          entrepreneurs: Number(entrepreneurs),
          advisor: advisor === null ? null : String(advisor),
          advisorEmail: withEmails && advisorEmail !== null ? String(advisorEmail) : null,
          stage: {
            code: String(stageCode),
            labelFr: stage?.labelFr ?? String(stageCode),
            labelEn: stage?.labelEn ?? String(stageCode),
          },
          status: status as EnrollmentStatus,
          statusReason: withFreeText && reason !== null ? String(reason) : null,
          statusOn: localDate(statusOn),
          enrolledAt,
          enrolledOn: localDate(enrolledOn)!,
          stageDates,
          milestones: reached,
          daysInProgram: wholeDaysBetween(enrolledAt, now),
          // PostgreSQL sums integers as bigint, which its driver answers as text.
          financingGrantedCents: Number(granted),
        };
        if (withContacts) project.contacts = contacts.get(project.id) ?? [];
        return project;
      });
      if (!full) return;
    }
  }
}
