import { GRANTED_STATUSES } from '../funding-request.entity.js';

/**
 * Which date places a request in a reporting year (`:fromDate` inclusive, `:untilDate` exclusive):
 * - its amount requested, by the day it was sent to the source (`submitted_on`); a request still in
 *   preparation, or recorded without that date, is in no year's requests;
 * - its amount granted, by the day the source decided (`decided_on`), for requests granted or paid;
 *   a paid request recorded without its decision date is placed by the day it was paid.
 */
export const REQUESTED_IN_YEAR = 'f.submitted_on >= :fromDate AND f.submitted_on < :untilDate';
const GRANTED_ON = 'COALESCE(f.decided_on, f.paid_on)';
export const GRANTED_IN_YEAR =
  `f.status IN (${GRANTED_STATUSES.map((status) => `'${status}'`).join(', ')}) ` +
  `AND ${GRANTED_ON} >= :fromDate AND ${GRANTED_ON} < :untilDate`;

/** The year's amounts and projects financed over the requests `f` a query joins (none gives zeros). */
const AMOUNTS = `
  COALESCE(SUM(CASE WHEN ${REQUESTED_IN_YEAR} THEN f.requested_cents ELSE 0 END), 0) AS requested,
  COALESCE(SUM(CASE WHEN ${GRANTED_IN_YEAR} THEN f.granted_cents ELSE 0 END), 0) AS granted,
  COUNT(DISTINCT CASE WHEN ${GRANTED_IN_YEAR} THEN f.project_id END) AS financed`;

/** Every source of the list, in its order, retired ones included (earlier requests still name them). */
export const BY_SOURCE_SQL = `
  SELECT s.code, s.label_fr, s.label_en, ${AMOUNTS}
  FROM financing_sources s
  LEFT JOIN funding_requests f ON f.source_code = s.code
  GROUP BY s.code, s.label_fr, s.label_en, s.position
  ORDER BY s.position, s.code`;

/** The instruments that have requests; the service lists the others with zeros, in their own order. */
export const BY_INSTRUMENT_SQL = `
  SELECT f.instrument, ${AMOUNTS}
  FROM funding_requests f
  GROUP BY f.instrument`;

/** The network: every request once, each project financed once whatever its programs. */
export const NETWORK_SQL = `SELECT ${AMOUNTS} FROM funding_requests f`;

/**
 * Per program, by the projects' enrollments: a project enrolled in two programs counts in each (one
 * enrollment per project and program, so never twice in one).
 */
export const BY_PROGRAM_SQL = `
  SELECT p.code, p.name_fr, p.name_en, ${AMOUNTS}
  FROM programs p
  LEFT JOIN enrollments e ON e.program_code = p.code
  LEFT JOIN funding_requests f ON f.project_id = e.project_id
  GROUP BY p.code, p.name_fr, p.name_en, p.position
  ORDER BY p.position, p.code`;

/** Per cohort, by its projects' enrollments; the cohorts with no request at all are left out here. */
export const BY_COHORT_SQL = `
  SELECT c.id AS cohort_id, c.program_code, c.number, c.label, ${AMOUNTS}
  FROM cohorts c
  JOIN programs p ON p.code = c.program_code
  JOIN enrollments e ON e.cohort_id = c.id
  JOIN funding_requests f ON f.project_id = e.project_id
  GROUP BY c.id, c.program_code, c.number, c.label, c.starts_on, p.position
  ORDER BY p.position, c.starts_on, c.number`;
