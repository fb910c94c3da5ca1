import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { localDateOf, wholeDaysBetween } from '../common/time.js';
import { daysBetween, dialectOf, type Dialect } from '../database/dialect.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';

/**
 * Whether an enrollment `e` in stage `s` of project `p` is stale at :now (an instant) on :today
 * (its Montréal date): active, in a stage with a threshold, with no activity on the project for
 * longer than that, and not snoozed past today. Shared by GET /projects?stale=true and the digest.
 */
export function staleCondition(dialect: Dialect): string {
  const now = dialect === 'postgres' ? 'CAST(:now AS timestamptz)' : ':now';
  return `e.status = 'active' AND s.stale_after_days IS NOT NULL
    AND ${daysBetween(dialect, now, 'p.last_activity_at')} > s.stale_after_days
    AND (p.snoozed_until IS NULL OR p.snoozed_until <= :today)`;
}

export const STALE_JOIN = 'JOIN stages s ON s.program_code = e.program_code AND s.code = e.stage_code';

export interface StaleEnrollment {
  projectId: number;
  projectName: string;
  advisorId: number | null;
  programCode: string;
  stageCode: string;
  stageLabelFr: string;
  stageLabelEn: string;
  staleAfterDays: number;
  lastActivityAt: Date;
  /** Whole Montréal days since the last activity. */
  idleDays: number;
}

interface Row {
  project_id: number;
  project_name: string;
  advisor_id: number | null;
  program_code: string;
  stage_code: string;
  label_fr: string;
  label_en: string;
  stale_after_days: number;
  last_activity_at: string | Date;
}

@Injectable()
export class StaleProjects {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every stale enrollment at an instant, by advisor, the longest idle first. */
  async at(now: Date): Promise<StaleEnrollment[]> {
    const sql = `
      SELECT p.id AS project_id, p.name AS project_name, p.advisor_id, e.program_code, e.stage_code,
             s.label_fr, s.label_en, s.stale_after_days, p.last_activity_at
      FROM enrollments e
      JOIN projects p ON p.id = e.project_id
      ${STALE_JOIN}
      WHERE ${staleCondition(dialectOf(this.dataSource))}
      ORDER BY p.advisor_id, p.last_activity_at, p.id, e.program_code`;
    const rows = await namedQuery<Row>(this.dataSource.manager, sql, { now, today: localDateOf(now) });
    return rows.map((row) => {
      const lastActivityAt = instantFromRow(row.last_activity_at);
      return {
        projectId: Number(row.project_id),
        projectName: row.project_name,
        advisorId: row.advisor_id === null ? null : Number(row.advisor_id),
        programCode: row.program_code,
        stageCode: row.stage_code,
        stageLabelFr: row.label_fr,
        stageLabelEn: row.label_en,
        staleAfterDays: Number(row.stale_after_days),
        lastActivityAt,
        idleDays: wholeDaysBetween(lastActivityAt, now),
      };
    });
  }
}
