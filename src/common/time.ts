import { DateTime } from 'luxon';

/** Users live in Montréal time; instants are stored in UTC. */
export const LOCAL_ZONE = 'America/Toronto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An instant from user input: a full ISO date-time with its offset, or a bare date, read as the
 * start of that day in Montréal (an advisor typing "2023-05-12" means that local day).
 */
export function parseInstant(value: string): Date | null {
  const parsed = DATE_ONLY.test(value)
    ? DateTime.fromISO(value, { zone: LOCAL_ZONE }).startOf('day')
    : DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/**
 * Whole days elapsed from one instant to a later one, counted in Montréal days: from a February
 * date to the same hour in May is a whole number of days even though one hour went missing in March.
 */
export function wholeDaysBetween(from: Date, to: Date): number {
  const days = DateTime.fromJSDate(to, { zone: LOCAL_ZONE }).diff(DateTime.fromJSDate(from, { zone: LOCAL_ZONE }), 'days').days;
  return Math.floor(days + 1e-9);
}

/** The local calendar date (YYYY-MM-DD) of an instant, in Montréal. */
export function localDateOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: LOCAL_ZONE }).toISODate()!;
}
