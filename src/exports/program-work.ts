import type { EntityManager } from 'typeorm';
import { yearBounds, type ReportingYear } from '../common/reporting-year.js';
import { namedQuery } from '../database/named-query.js';
import { cohortProgramYearEnrollments } from '../figures/figures.sql.js';
import { hoursOf } from '../time-entries/time-entry.entity.js';

/** A sum of the latest job counts, and how many projects that should have one have none (never read as zero). */
export interface JobsFigure {
  jobs: number;
  missing: number;
}

/** What the accompaniment did for the projects of a program's year, and what came of it. */
export interface ProgramWork {
  /** Hours of the time entries on the year's projects, dated in the year. */
  hours: number;
  /** The year's projects that first reached their incorporated milestone in the year. */
  incorporated: number;
  /** Of those, the takeovers (they maintain jobs rather than create them). */
  takeovers: number;
  /** Latest jobs-created counts of the projects incorporated in the year; missing counts the start-ups without one. */
  jobsCreated: JobsFigure;
  /** Latest jobs-maintained counts of the takeovers incorporated in the year; missing counts those without one. */
  jobsMaintained: JobsFigure;
}

/** The projects the report counts: those enrolled in the program's cohorts that start in the year. */
const YEAR_PROJECTS = `SELECT DISTINCT e.project_id FROM enrollments e WHERE ${cohortProgramYearEnrollments}`;

const HOURS_SQL = `
  SELECT COALESCE(SUM(te.quarter_hours), 0) AS quarter_hours
  FROM time_entries te
  WHERE te.project_id IN (${YEAR_PROJECTS})
    AND te.worked_on >= :fromDate AND te.worked_on < :untilDate`;

/**
 * "Reached incorporated in the year": the project's first move, in any of its enrollments, into its
 * program's incorporated stage or a later one falls in the year (a team that incorporated earlier
 * and started operating this year is not counted again). The latest count of a kind is the figure.
 */
const JOBS_SQL = `
  WITH m AS (
    SELECT program_code, MIN(CASE WHEN milestone = 'incorporated' THEN position END) AS incorporated_at
    FROM stages GROUP BY program_code
  ),
  reached AS (
    SELECT e.project_id, MIN(t.occurred_at) AS reached_at
    FROM enrollments e
    JOIN transitions t ON t.enrollment_id = e.id
    JOIN stages s ON s.program_code = t.program_code AND s.code = t.to_stage
    JOIN m ON m.program_code = e.program_code
    WHERE e.project_id IN (${YEAR_PROJECTS}) AND s.position >= m.incorporated_at
    GROUP BY e.project_id
  ),
  y AS (
    SELECT r.project_id, p.kind
    FROM reached r JOIN projects p ON p.id = r.project_id
    WHERE r.reached_at >= :fromInstant AND r.reached_at < :untilInstant
  ),
  latest AS (
    SELECT jc.project_id, jc.kind, jc.jobs,
           ROW_NUMBER() OVER (PARTITION BY jc.project_id, jc.kind ORDER BY jc.counted_on DESC, jc.id DESC) AS rn
    FROM job_counts jc
    WHERE jc.project_id IN (SELECT project_id FROM y) AND jc.kind IN ('created', 'maintained')
  )
  SELECT COUNT(y.project_id) AS incorporated,
         COALESCE(SUM(CASE WHEN y.kind = 'transfer' THEN 1 ELSE 0 END), 0) AS takeovers,
         COALESCE(SUM(c.jobs), 0) AS created,
         COALESCE(SUM(CASE WHEN y.kind = 'startup' AND c.jobs IS NULL THEN 1 ELSE 0 END), 0) AS created_missing,
         COALESCE(SUM(mt.jobs), 0) AS maintained,
         COALESCE(SUM(CASE WHEN y.kind = 'transfer' AND mt.jobs IS NULL THEN 1 ELSE 0 END), 0) AS maintained_missing
  FROM y
  LEFT JOIN latest c ON c.project_id = y.project_id AND c.kind = 'created' AND c.rn = 1
  LEFT JOIN latest mt ON mt.project_id = y.project_id AND mt.kind = 'maintained' AND mt.rn = 1`;

interface JobsRow {
  incorporated: unknown;
  takeovers: unknown;
  created: unknown;
  created_missing: unknown;
  maintained: unknown;
  maintained_missing: unknown;
}

/** The hours and jobs of a cohort program's year, two aggregates. */
export async function readProgramWork(
  manager: EntityManager,
  programCode: string,
  year: ReportingYear,
): Promise<ProgramWork> {
  const parameters = { programCode, ...yearBounds(year) };
  const [[hours], [jobs]] = await Promise.all([
    namedQuery<{ quarter_hours: unknown }>(manager, HOURS_SQL, parameters),
    namedQuery<JobsRow>(manager, JOBS_SQL, parameters),
  ]);
  // PostgreSQL answers SUM and COUNT as bigint, which its driver gives as text: hence Number.
  return {
    hours: hoursOf(hours.quarter_hours),
    incorporated: Number(jobs.incorporated),
    takeovers: Number(jobs.takeovers),
    jobsCreated: { jobs: Number(jobs.created), missing: Number(jobs.created_missing) },
    jobsMaintained: { jobs: Number(jobs.maintained), missing: Number(jobs.maintained_missing) },
  };
}
