import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { LOCAL_ZONE, localDateOf, wholeDaysBetween } from '../common/time.js';
import { dialectOf, type Dialect } from '../database/dialect.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';
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
  stage: { code: string; labelFr: string; labelEn: string };
  status: EnrollmentStatus;
  enrolledAt: Date;
  /** The Montréal date on which the project first reached each milestone of the program; null if it has not. */
  milestones: Partial<Record<Milestone, string | null>>;
  /** Whole Montréal days from enrolment to now. */
  daysInProgram: number;
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

// Keyset pagination on the enrollment id: each batch is one indexed range, however deep into
// the cohort, and nothing holds a cursor open between batches.
const PROJECTS_SQL = `
  SELECT e.id AS enrollment_id, e.stage_code, e.status, e.enrolled_at,
         p.id AS project_id, p.name, p.sector, p.kind, p.coop_type, p.region, p.entrepreneur_count,
         u.name AS advisor_name
  FROM enrollments e
  JOIN projects p ON p.id = e.project_id
  LEFT JOIN users u ON u.id = p.advisor_id
  WHERE e.cohort_id = :cohortId AND e.id > :after
  ORDER BY e.id
  LIMIT :limit`;

/**
 * When each enrollment of the batch first reached each milestone, in one query for the batch.
 * "Reached" as in the figures: the first move into the milestone's stage or any later one, so a
 * team that incorporated without anyone recording "training completed" still has a date for it.
 * The batch's ids are listed: with a subquery, PostgreSQL scanned every transition for each batch.
 */
function reachedSql(dialect: Dialect, milestoneCount: number): string {
  const columns = Array.from({ length: milestoneCount }, (_, i) => {
    const first = `MIN(CASE WHEN s.position >= :position${i} THEN t.occurred_at END)`;
    // PostgreSQL knows Montréal time and answers the local date itself, sparing the driver a Date
    // per cell; SQLite answers the UTC instant, which localDateOf turns into the local date.
    return `${dialect === 'postgres' ? `to_char(${first} AT TIME ZONE :zone, 'YYYY-MM-DD')` : first} AS reached${i}`;
  });
  return `
    SELECT t.enrollment_id, ${columns.join(', ')}
    FROM transitions t
    JOIN stages s ON s.program_code = t.program_code AND s.code = t.to_stage
    WHERE t.enrollment_id IN (:...enrollmentIds)
    GROUP BY t.enrollment_id`;
}

const CONTACTS_SQL = `
  SELECT c.project_id, c.name, c.email
  FROM contacts c
  WHERE c.project_id IN (:...projectIds)
  ORDER BY c.id`;

/** Reads a cohort's projects in batches, with a fixed number of queries per batch. */
@Injectable()
export class CohortProjectsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async *batches(
    cohortId: number,
    stages: Stage[],
    withContacts: boolean,
    batchSize = EXPORT_BATCH_SIZE,
  ): AsyncGenerator<ExportedProject[]> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const stageByCode = new Map(stages.map((s) => [s.code, s]));
    const milestones = stages.filter((s) => s.milestone !== null);
    const dialect = dialectOf(this.dataSource);
    const reachedParameters = {
      zone: LOCAL_ZONE,
      ...Object.fromEntries(milestones.map((s, i) => [`position${i}`, s.position])),
    };
    const reachedQuery = reachedSql(dialect, milestones.length);
    const localDate = (value: Value) => (dialect === 'postgres' ? String(value) : localDateOf(instantFromRow(value)));

    let after = 0;
    for (;;) {
      const rows = await namedQuery<Row>(manager, PROJECTS_SQL, { cohortId, after, limit: batchSize });
      if (rows.length === 0) return;
      const enrollmentIds = rows.map((row) => Number(row.enrollment_id));
      const projectIds = rows.map((row) => Number(row.project_id));

      const reached = new Map<number, Row>();
      if (milestones.length) {
        for (const row of await namedQuery<Row>(manager, reachedQuery, { enrollmentIds, ...reachedParameters }))
          reached.set(Number(row.enrollment_id), row);
      }
      const contacts = new Map<number, { name: string; email: string }[]>();
      if (withContacts) {
        for (const row of await namedQuery<Row>(manager, CONTACTS_SQL, { projectIds })) {
          const projectId = Number(row.project_id);
          if (!contacts.has(projectId)) contacts.set(projectId, []);
          contacts.get(projectId)!.push({ name: String(row.name), email: String(row.email) });
        }
      }

      // Nothing of this batch is used after the yield, so none of it is kept while the next is read.
      const full = rows.length === batchSize;
      after = enrollmentIds[enrollmentIds.length - 1];
      yield rows.map((row) => {
        const enrollmentId = Number(row.enrollment_id);
        const projectId = Number(row.project_id);
        const stage = stageByCode.get(String(row.stage_code));
        const enrolledAt = instantFromRow(row.enrolled_at);
        const dates = reached.get(enrollmentId);
        const project: ExportedProject = {
          id: projectId,
          name: String(row.name),
          sector: String(row.sector),
          kind: row.kind as ProjectKind,
          coopType: row.coop_type as CoopType,
          region: String(row.region),
          entrepreneurs: Number(row.entrepreneur_count),
          advisor: row.advisor_name === null ? null : String(row.advisor_name),
          stage: {
            code: String(row.stage_code),
            labelFr: stage?.labelFr ?? String(row.stage_code),
            labelEn: stage?.labelEn ?? String(row.stage_code),
          },
          status: row.status as EnrollmentStatus,
          enrolledAt,
          milestones: Object.fromEntries(
            milestones.map((m, i) => {
              const first = dates?.[`reached${i}`];
              return [m.milestone!, first === null || first === undefined ? null : localDate(first)];
            }),
          ),
          daysInProgram: wholeDaysBetween(enrolledAt, now),
        };
        if (withContacts) project.contacts = contacts.get(projectId) ?? [];
        return project;
      });
      if (!full) return;
    }
  }
}
