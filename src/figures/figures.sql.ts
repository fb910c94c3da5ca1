import { daysBetween, type Dialect } from '../database/dialect.js';

/**
 * The figures' SQL, one aggregate per figure set, written once for SQLite and PostgreSQL.
 *
 * "Reached" follows domain.md: an enrollment has reached a stage when its history shows it in that
 * stage or a later one, so the furthest position in its history is all a figure needs. Positions
 * are read from the current stage definitions, so a reordered pipeline recounts correctly.
 */

/** Where the milestones sit in each program's pipeline. */
const MILESTONE_POSITIONS = `
  SELECT program_code,
         MIN(CASE WHEN milestone = 'training_completed' THEN position END) AS completed_at,
         MIN(CASE WHEN milestone = 'incorporated' THEN position END) AS incorporated_at,
         MIN(CASE WHEN milestone = 'operating' THEN position END) AS operating_at
  FROM stages
  GROUP BY program_code`;

/** One row per enrollment the filter keeps, with the furthest stage position its history reached. */
const reached = (enrollmentFilter: string) => `
  SELECT e.id AS enrollment_id, e.cohort_id, e.program_code, e.stage_code, e.status,
         p.entrepreneur_count, MAX(s.position) AS top
  FROM enrollments e
  JOIN projects p ON p.id = e.project_id
  JOIN transitions t ON t.enrollment_id = e.id
  JOIN stages s ON s.program_code = t.program_code AND s.code = t.to_stage
  WHERE ${enrollmentFilter}
  GROUP BY e.id, e.cohort_id, e.program_code, e.stage_code, e.status, p.entrepreneur_count`;

const COUNTS = `
  COUNT(r.enrollment_id) AS registered,
  SUM(CASE WHEN r.top >= m.completed_at THEN 1 ELSE 0 END) AS completed,
  SUM(CASE WHEN r.top >= m.incorporated_at THEN 1 ELSE 0 END) AS incorporated,
  SUM(CASE WHEN r.top >= m.operating_at THEN 1 ELSE 0 END) AS operating,
  SUM(CASE WHEN r.status = 'abandoned' THEN 1 ELSE 0 END) AS abandoned,
  SUM(CASE WHEN r.status = 'on_hold' THEN 1 ELSE 0 END) AS on_hold,
  SUM(r.entrepreneur_count) AS entrepreneurs,
  MAX(m.completed_at) AS completed_at,
  MAX(m.incorporated_at) AS incorporated_at,
  MAX(m.operating_at) AS operating_at`;

/** Figures of every cohort the filter on `c` keeps, one row per cohort (empty cohorts included). */
export function cohortFiguresSql(cohortFilter: string): string {
  return `
    WITH m AS (${MILESTONE_POSITIONS}),
         r AS (${reached(`e.cohort_id IN (SELECT c.id FROM cohorts c WHERE ${cohortFilter})`)})
    SELECT c.id AS cohort_id, c.number, c.label, c.program_code,
           -- As text on both databases (node-postgres would make a local Date of a date).
           CAST(c.starts_on AS VARCHAR(10)) AS starts_on, ${COUNTS}
    FROM cohorts c
    LEFT JOIN r ON r.cohort_id = c.id
    LEFT JOIN m ON m.program_code = c.program_code
    WHERE ${cohortFilter}
    GROUP BY c.id, c.number, c.label, c.program_code, c.starts_on
    ORDER BY c.starts_on, c.number`;
}

/** Figures over the enrollments a filter on `e` keeps, as one row. */
export function enrollmentFiguresSql(enrollmentFilter: string): string {
  return `
    WITH m AS (${MILESTONE_POSITIONS}),
         r AS (${reached(enrollmentFilter)})
    SELECT ${COUNTS}
    FROM m
    LEFT JOIN r ON r.program_code = m.program_code
    WHERE m.program_code = :programCode`;
}

/**
 * The funnel of a program's enrollments: per stage, how many reached it and how many sit in it
 * now, and the median days an active enrollment spent in it before its next move.
 */
export function funnelSql(dialect: Dialect, enrollmentFilter: string): string {
  return `
    WITH r AS (${reached(enrollmentFilter)}),
    counts AS (
      SELECT s.code, s.position,
             SUM(CASE WHEN r.top >= s.position THEN 1 ELSE 0 END) AS reached,
             SUM(CASE WHEN r.stage_code = s.code AND r.status <> 'abandoned' THEN 1 ELSE 0 END) AS current
      FROM stages s
      LEFT JOIN r ON 1 = 1
      WHERE s.program_code = :programCode
      GROUP BY s.code, s.position
    ),
    stays AS (
      SELECT t.to_stage AS stage, t.to_status AS status, t.occurred_at AS started,
             LEAD(t.occurred_at) OVER (PARTITION BY t.enrollment_id ORDER BY t.occurred_at, t.id) AS ended
      FROM transitions t
      WHERE t.enrollment_id IN (SELECT r.enrollment_id FROM r)
    ),
    durations AS (
      SELECT stage, ${daysBetween(dialect, 'ended', 'started')} AS days
      FROM stays
      WHERE status = 'active' AND ended IS NOT NULL
    ),
    ranked AS (
      SELECT stage, days,
             ROW_NUMBER() OVER (PARTITION BY stage ORDER BY days) AS rn,
             COUNT(*) OVER (PARTITION BY stage) AS n
      FROM durations
    ),
    medians AS (
      SELECT stage, AVG(days) AS median_days
      FROM ranked
      WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
      GROUP BY stage
    )
    SELECT counts.code, counts.position, counts.reached, counts.current, medians.median_days
    FROM counts
    LEFT JOIN medians ON medians.stage = counts.code
    ORDER BY counts.position`;
}

/** Enrollment filters for the scopes of a program-year. */
export const PROGRAM_YEAR_COHORTS = `c.program_code = :programCode AND c.starts_on >= :fromDate AND c.starts_on < :untilDate`;
export const cohortProgramYearEnrollments = `e.cohort_id IN (SELECT c.id FROM cohorts c WHERE ${PROGRAM_YEAR_COHORTS})`;
export const accompanimentYearEnrollments = `e.program_code = :programCode AND e.enrolled_at >= :fromInstant AND e.enrolled_at < :untilInstant`;
