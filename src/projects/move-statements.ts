import type { DataSource, EntityManager } from 'typeorm';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { instantFromRow } from '../database/named-query.js';
import { inList } from '../database/prepared-query.js';
import { Stage } from '../programs/stage.entity.js';
import type { EnrollmentRow } from './enrollment.entity.js';

// The statements of a move, each one text whatever the number of projects (the ids are one list
// parameter), so that each is prepared once. Exported for the bench's bare write loop too.

export const INSERT_TRANSITION_SQL = `
  INSERT INTO transitions (enrollment_id, project_id, program_code, kind, from_stage, to_stage, from_status, to_status,
                           occurred_at, recorded_at, actor_id, source, note, reason)
  VALUES (:enrollmentId, :projectId, :programCode, :kind, :fromStage, :toStage, :fromStatus, :toStatus,
          :occurredAt, :recordedAt, :actorId, :source, :note, :reason)
  RETURNING id`;

export const projectsSql = (source: DataSource | EntityManager) =>
  `SELECT id, advisor_id AS "advisorId", kind FROM projects WHERE ${inList(source, 'id', 'ids')} ORDER BY id`;

export const enrollmentsSql = (source: DataSource | EntityManager) => `
  SELECT id, project_id AS "projectId", program_code AS "programCode", cohort_id AS "cohortId",
         stage_code AS "stageCode", status, status_reason AS "statusReason", version, enrolled_at AS "enrolledAt",
         stage_entered_at AS "stageEnteredAt", last_moved_at AS "lastMovedAt"
  FROM enrollments WHERE ${inList(source, 'project_id', 'ids')} ORDER BY id`;

// The version in the WHERE makes a concurrent move that got here first turn this one into a 409.
export const updateEnrollmentsSql = (source: DataSource | EntityManager) => `
  UPDATE enrollments
  SET stage_code = :stageCode, status = :status, status_reason = :statusReason, stage_entered_at = :stageEnteredAt,
      last_moved_at = :lastMovedAt, version = :version, updated_at = :now
  WHERE ${inList(source, 'id', 'ids')} AND version = :seen
  RETURNING id`;

/** What a move needs of its cohorts: their figures' scopes, and their names in the answer. */
export type MovedCohort = Pick<Cohort, 'id' | 'programCode' | 'number' | 'label' | 'startsOn'>;

export const cohortsSql = (source: DataSource | EntityManager) => `
  SELECT id, program_code AS "programCode", number, label, CAST(starts_on AS TEXT) AS "startsOn"
  FROM cohorts WHERE ${inList(source, 'id', 'ids')}`;

export function cohortFromRow(row: MovedCohort): MovedCohort {
  return { ...row, id: Number(row.id), number: Number(row.number) };
}

// Every stage as plain rows, in one statement prepared once: hydrating entities cost more than the read.
export const EVERY_STAGE_SQL = `
  SELECT id, program_code AS "programCode", code, label_fr AS "labelFr", label_en AS "labelEn", position, milestone,
         stale_after_days AS "staleAfterDays"
  FROM stages ORDER BY program_code, position`;

export function stageFromRow(row: Stage): Stage {
  return Object.assign(new Stage(), {
    ...row,
    id: Number(row.id),
    position: Number(row.position),
    staleAfterDays: row.staleAfterDays === null ? null : Number(row.staleAfterDays),
  });
}

export function enrollmentFromRow(row: Record<keyof EnrollmentRow, unknown>): EnrollmentRow {
  return {
    id: Number(row.id),
    projectId: Number(row.projectId),
    programCode: String(row.programCode),
    cohortId: row.cohortId === null ? null : Number(row.cohortId),
    stageCode: String(row.stageCode),
    status: row.status as EnrollmentRow['status'],
    statusReason: typeof row.statusReason === 'string' ? row.statusReason : null,
    version: Number(row.version),
    enrolledAt: instantFromRow(row.enrolledAt),
    stageEnteredAt: instantFromRow(row.stageEnteredAt),
    lastMovedAt: instantFromRow(row.lastMovedAt),
  };
}
