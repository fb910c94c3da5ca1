import { DateTime } from 'luxon';
import { badRequest } from './bad-request.js';
import { LOCAL_ZONE } from './time.js';
import { EARLIEST_DATE, LATEST_DATE } from './validators.js';

/**
 * A reporting year runs from a configurable first month (April by default): "2023-2024" is
 * 2023-04-01 to 2024-03-31. When the year starts in January it is written as one year, "2024".
 * Years are written with four digits ("0999-1000"), so a reporting year must start and end between
 * the years 0000 and 9999: its label, its bounds and the dates stored in the databases then all
 * read back the way they were written.
 */
export interface ReportingYear {
  label: string;
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** First day of the next reporting year, exclusive (YYYY-MM-DD). */
  until: string;
}

const LAST_YEAR = 9999;

const pad = (n: number) => String(n).padStart(2, '0');
const fourDigits = (year: number) => String(year).padStart(4, '0');

/** null when the year it would be cannot be written with four-digit years. */
function yearStartingIn(startYear: number, startMonth: number): ReportingYear | null {
  const endYear = startYear + 1;
  if (startYear < 0 || endYear > LAST_YEAR) return null;
  const [start, end] = [fourDigits(startYear), fourDigits(endYear)];
  const label = startMonth === 1 ? start : `${start}-${end}`;
  return { label, from: `${start}-${pad(startMonth)}-01`, until: `${end}-${pad(startMonth)}-01` };
}

/** Parses "2023-2024" (or "2024" when years start in January); null when it is not a reporting year. */
export function parseReportingYear(label: string, startMonth: number): ReportingYear | null {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(label);
  if (!match) return null;
  const startYear = Number(match[1]);
  const endYear = match[2] === undefined ? undefined : Number(match[2]);
  if (startMonth === 1 ? endYear !== undefined : endYear !== startYear + 1) return null;
  return yearStartingIn(startYear, startMonth);
}

/**
 * The reporting year a calendar date (YYYY-MM-DD) falls in, or null when that year cannot be
 * written with four-digit years (0000-01-01 when years start in April, or 9999-12-31).
 */
export function reportingYearOrNullOf(date: string, startMonth: number): ReportingYear | null {
  const match = /^(\d{4})-(\d{2})-\d{2}/.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  return yearStartingIn(Number(match[2]) >= startMonth ? year : year - 1, startMonth);
}

/** The reporting year a calendar date (YYYY-MM-DD) falls in; a RangeError that names the date when it has none. */
export function reportingYearOf(date: string, startMonth: number): ReportingYear {
  const year = reportingYearOrNullOf(date, startMonth);
  if (!year) throw new RangeError(`${date} falls in no reporting year: they are written with four-digit years`);
  return year;
}

export const reportingYearFormat = (startMonth: number) =>
  `${startMonth === 1 ? 'YYYY, as in 2024' : 'YYYY-YYYY, as in 2023-2024'}, within ${EARLIEST_DATE} to ${LATEST_DATE}`;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The `year` of a query, parsed, or a 400 that names the field and how to write it. */
export function requireReportingYear(label: string | undefined, startMonth: number): ReportingYear {
  const year = label === undefined ? null : parseReportingYear(label, startMonth);
  // The same bounds as every date the service takes: the year's first and last days inside them.
  if (year && year.from >= EARLIEST_DATE && year.until <= nextDay(LATEST_DATE)) return year;
  const problem = `year ${label === undefined ? 'is required' : 'must be a reporting year'}, written ${reportingYearFormat(startMonth)}`;
  throw badRequest(`Invalid input: ${problem}`, [{ field: 'year', problems: [problem] }]);
}

/** The day before a YYYY-MM-DD date (a year's last day is the day before its `until`). */
export const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The reporting year before: the one its first day's eve falls in. */
export const previousYearOf = (year: ReportingYear, startMonth: number): ReportingYear =>
  reportingYearOf(dayBefore(year.from), startMonth);

/**
 * A year's bounds as SQL takes them: dates for what is dated (cohorts, time entries, counts) and
 * instants at Montréal midnight for what happened at a moment (moves, enrolments).
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
