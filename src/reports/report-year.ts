import { DateTime } from 'luxon';
import { reportingYearOf, type ReportingYear } from '../common/reporting-year.js';
import { LOCAL_ZONE } from '../common/time.js';
import { QUARTER_HOURS_PER_HOUR } from '../time-entries/time-entry.entity.js';

/** The day before a YYYY-MM-DD date. */
export const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The year before: the one its first day's eve falls in. */
export const previousYearOf = (year: ReportingYear, startMonth: number): ReportingYear =>
  reportingYearOf(dayBefore(year.from), startMonth);

/**
 * A year's bounds as the reports' SQL takes them: dates for what is dated (time entries, counts)
 * and instants at Montréal midnight for what happened at a moment (moves, enrolments).
 */
export function yearBounds(year: ReportingYear) {
  const instant = (date: string) => DateTime.fromISO(date, { zone: LOCAL_ZONE }).toJSDate();
  return {
    fromDate: year.from,
    untilDate: year.until,
    fromInstant: instant(year.from),
    untilInstant: instant(year.until),
  };
}

/** Quarter hours, as the database sums them, in hours: a quarter is exact in binary, so no rounding. */
export const hoursOf = (quarterHours: unknown) => Number(quarterHours ?? 0) / QUARTER_HOURS_PER_HOUR;

/** A COUNT or SUM from a raw row: PostgreSQL answers bigints as text. */
export const countOf = (value: unknown) => Number(value ?? 0);
