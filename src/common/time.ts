import { DateTime, IANAZone } from 'luxon';

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
 * The end of a period given as user input, exclusive: an instant as it is, a bare date the start of
 * the next Montréal day (`to=2024-05-01` holds all of May 1st).
 */
export function parseInstantEnd(value: string): Date | null {
  if (!DATE_ONLY.test(value)) return parseInstant(value);
  const parsed = DateTime.fromISO(value, { zone: LOCAL_ZONE }).plus({ days: 1 }).startOf('day');
  return parsed.isValid ? parsed.toJSDate() : null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const localZone = IANAZone.create(LOCAL_ZONE);
/** Montréal's offset by UTC hour: it only changes on the hour, and reading it from Intl is slow. */
const offsetByHour = new Map<number, number>();

/** The instant's Montréal wall-clock time, written as if it were UTC. */
function wallClockMs(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offset = localZone.offset(hour * HOUR_MS);
    offsetByHour.set(hour, offset);
  }
  return instant.getTime() + offset * 60_000;
}

/**
 * Whole days elapsed from one instant to a later one, counted in Montréal days: from a February
 * date to the same hour in May is a whole number of days even though one hour went missing in March.
 * (The difference of wall-clock times; digests compute it for thousands of rows, so no date objects.
 * Never below zero: in the hour repeated in November, a later instant can read an earlier time.)
 */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((wallClockMs(to) - wallClockMs(from)) / DAY_MS + 1e-9));
}

/** The local calendar date (YYYY-MM-DD) of an instant, in Montréal. */
export function localDateOf(instant: Date): string {
  return new Date(wallClockMs(instant)).toISOString().slice(0, 10);
}
