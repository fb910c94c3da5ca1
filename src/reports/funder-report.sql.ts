import type { EntityManager } from 'typeorm';
import { namedQuery } from '../database/named-query.js';
import { hoursOf } from '../time-entries/time-entry.entity.js';
import { countOf } from './raw-count.js';

/**
 * The funder report's figures (domain.md, "The funder report"), each one aggregate over the year.
 * Parameters: fromDate/untilDate (time entries and counts are dated), fromInstant/untilInstant
 * (moves and enrolments happen at instants; the year's bounds at Montréal midnight).
 */

/** The programs of a start-up or a takeover: every program of the service, cohorts or not. */
export const START_UP_PROGRAMS = ['demarrage', 'transfertcoop', 'parcours-coop', 'parcours-transfertcoop'];

const ENTRY_IN_YEAR = 'te.worked_on >= :fromDate AND te.worked_on < :untilDate';

/**
 * One row per intervention of the year: a project, or a co-op, that received time. A co-op grown
 * from a project is that project (`organizations.project_id`), so the two count once.
 */
const INTERVENTIONS = `
  SELECT DISTINCT COALESCE(te.project_id, o.project_id) AS project_id,
         CASE WHEN te.project_id IS NULL AND o.project_id IS NULL THEN te.organization_id END AS organization_id
  FROM time_entries te
  LEFT JOIN organizations o ON o.id = te.organization_id
  WHERE ${ENTRY_IN_YEAR}`;

/**
 * The projects of the year's interventions that were in a start-up or transfer program during the
 * year: an enrollment in one of them, enrolled before the year ended, that on the year's first day
 * was neither past the incorporated milestone (no move before the year into its stage or a later
 * one) nor abandoned (its last move before the year did not abandon it). Set-based: one window
 * over the moves before the year of these projects' enrollments, not a subquery per intervention.
 */
const START_UP_PROJECTS = `
  before AS (
    SELECT t.enrollment_id, t.to_status,
           ROW_NUMBER() OVER (PARTITION BY t.enrollment_id ORDER BY t.occurred_at DESC, t.id DESC) AS rn,
           MAX(s.position) OVER (PARTITION BY t.enrollment_id) AS top
    FROM transitions t
    JOIN stages s ON s.program_code = t.program_code AND s.code = t.to_stage
    WHERE t.occurred_at < :fromInstant
      AND t.project_id IN (SELECT i.project_id FROM i WHERE i.project_id IS NOT NULL)
  ),
  start_up AS (
    SELECT DISTINCT e.project_id
    FROM enrollments e
    LEFT JOIN stages m ON m.program_code = e.program_code AND m.milestone = 'incorporated'
    LEFT JOIN before b ON b.enrollment_id = e.id AND b.rn = 1
    WHERE e.project_id IN (SELECT i.project_id FROM i WHERE i.project_id IS NOT NULL)
      AND e.program_code IN (:...programs)
      AND e.enrolled_at < :untilInstant
      AND (b.enrollment_id IS NULL OR ((m.position IS NULL OR b.top < m.position) AND b.to_status <> 'abandoned'))
  )`;

export interface InterventionCounts {
  startUp: number;
  accompaniment: number;
}

/** Interventions, démarrage when its project was in a start-up or transfer program during the year. */
export async function interventionCounts(
  manager: EntityManager,
  bounds: Record<string, unknown>,
): Promise<InterventionCounts> {
  const [row] = await namedQuery(
    manager,
    `WITH i AS (${INTERVENTIONS}), ${START_UP_PROJECTS}
     SELECT COUNT(*) AS total, SUM(CASE WHEN start_up.project_id IS NULL THEN 0 ELSE 1 END) AS start_up
     FROM i
     LEFT JOIN start_up ON start_up.project_id = i.project_id`,
    { ...bounds, programs: START_UP_PROGRAMS },
  );
  const startUp = countOf(row?.start_up);
  return { startUp, accompaniment: countOf(row?.total) - startUp };
}

/** Hours of every time entry of the year, on projects and co-ops alike. */
export async function totalHours(manager: EntityManager, bounds: Record<string, unknown>): Promise<number> {
  const [row] = await namedQuery(
    manager,
    `SELECT SUM(te.quarter_hours) AS quarter_hours FROM time_entries te WHERE ${ENTRY_IN_YEAR}`,
    bounds,
  );
  return hoursOf(row?.quarter_hours);
}

/**
 * The projects that reached the incorporated milestone in the year: their first move into the
 * milestone's stage or a later one, over all their enrollments, happened in it (positions by
 * today's stages, as figures/figures.sql.ts reads "reached").
 */
const INCORPORATED_IN_YEAR = `
  SELECT e.project_id
  FROM enrollments e
  JOIN transitions t ON t.enrollment_id = e.id
  JOIN stages s ON s.program_code = t.program_code AND s.code = t.to_stage
  JOIN stages m ON m.program_code = e.program_code AND m.milestone = 'incorporated'
  WHERE s.position >= m.position
  GROUP BY e.project_id
  HAVING MIN(t.occurred_at) >= :fromInstant AND MIN(t.occurred_at) < :untilInstant`;

/** A figure and how many of the projects or co-ops behind it have no count recorded. */
export interface JobsFigure {
  jobs: number;
  missing: number;
}

export interface JobsFigures {
  created: JobsFigure;
  maintained: JobsFigure;
}

/**
 * Jobs created: the latest `created` count of the projects incorporated in the year (a start-up
 * with none is missing; a takeover's jobs are maintained, so it is missing only from that row).
 * Jobs maintained: the latest `maintained` count of the takeovers incorporated in the year, plus
 * the workers, at the latest date counted in the year, of the co-ops that received advisory time
 * in it, except a co-op grown from a project incorporated in the year, whose jobs that project
 * already brings (one intervention, counted once).
 */
export async function jobsFigures(manager: EntityManager, bounds: Record<string, unknown>): Promise<JobsFigures> {
  // The latest count of each, one index lookup per project or co-op (ix_job_counts_project,
  // ix_job_counts_organization): the plan holds however the database estimates the year's sets.
  const latest = (target: string, kind: string, inYear = '') => `(
    SELECT jc.jobs FROM job_counts jc
    WHERE jc.${target} AND jc.kind = '${kind}'${inYear}
    ORDER BY jc.counted_on DESC, jc.id DESC
    LIMIT 1)`;
  const [projects] = await namedQuery(
    manager,
    `WITH inc AS (${INCORPORATED_IN_YEAR}),
     counts AS (
       SELECT p.kind,
              ${latest('project_id = inc.project_id', 'created')} AS created,
              ${latest('project_id = inc.project_id', 'maintained')} AS maintained
       FROM inc
       JOIN projects p ON p.id = inc.project_id
     )
     SELECT SUM(counts.created) AS created,
            SUM(CASE WHEN counts.kind <> 'transfer' AND counts.created IS NULL THEN 1 ELSE 0 END) AS created_missing,
            SUM(CASE WHEN counts.kind = 'transfer' THEN counts.maintained ELSE 0 END) AS maintained,
            SUM(CASE WHEN counts.kind = 'transfer' AND counts.maintained IS NULL THEN 1 ELSE 0 END) AS maintained_missing
     FROM counts`,
    bounds,
  );
  const inYear = ' AND jc.counted_on >= :fromDate AND jc.counted_on < :untilDate';
  const [coops] = await namedQuery(
    manager,
    `WITH inc AS (${INCORPORATED_IN_YEAR}),
     served AS (
       SELECT DISTINCT te.organization_id
       FROM time_entries te
       WHERE te.organization_id IS NOT NULL AND ${ENTRY_IN_YEAR}
     ),
     counts AS (
       SELECT ${latest('organization_id = served.organization_id', 'workers', inYear)} AS workers
       FROM served
       JOIN organizations o ON o.id = served.organization_id
       WHERE o.project_id IS NULL OR o.project_id NOT IN (SELECT inc.project_id FROM inc)
     )
     SELECT SUM(counts.workers) AS workers, SUM(CASE WHEN counts.workers IS NULL THEN 1 ELSE 0 END) AS missing
     FROM counts`,
    bounds,
  );
  return {
    created: { jobs: countOf(projects?.created), missing: countOf(projects?.created_missing) },
    maintained: {
      jobs: countOf(projects?.maintained) + countOf(coops?.workers),
      missing: countOf(projects?.maintained_missing) + countOf(coops?.missing),
    },
  };
}
