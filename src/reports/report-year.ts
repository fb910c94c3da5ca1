import { QUARTER_HOURS_PER_HOUR } from '../time-entries/time-entry.entity.js';

/** Quarter hours, as the database sums them, in hours: a quarter is exact in binary, so no rounding. */
export const hoursOf = (quarterHours: unknown) => Number(quarterHours ?? 0) / QUARTER_HOURS_PER_HOUR;

/** A COUNT or SUM from a raw row: PostgreSQL answers bigints as text. */
export const countOf = (value: unknown) => Number(value ?? 0);
