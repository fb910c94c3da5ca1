import { DateTime } from 'luxon';
import { LOCAL_ZONE } from './time.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MAX_CACHED_HOURS = 100_000;

/**
 * Montréal dates and day counts for many instants at once (an export's rows). Asking luxon for
 * each instant's zone offset dominated a large export, and the offset only changes at a
 * daylight-saving switch, which falls on a whole UTC hour: so it is looked up once per UTC hour.
 * The results are those of localDateOf and wholeDaysBetween in time.ts.
 */
export class LocalTime {
  private readonly offsets = new Map<number, number>();

  /** Milliseconds to add to a UTC instant to read Montréal's wall clock. */
  private offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      if (this.offsets.size >= MAX_CACHED_HOURS) this.offsets.clear();
      offset = DateTime.fromMillis(hour * HOUR, { zone: LOCAL_ZONE }).offset * 60_000;
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  private wallClock(instant: Date): number {
    const ms = instant.getTime();
    return ms + this.offsetAt(ms);
  }

  /** The local calendar date (YYYY-MM-DD) of an instant, in Montréal. */
  dateOf(instant: Date): string {
    return new Date(this.wallClock(instant)).toISOString().slice(0, 10);
  }

  /** Whole Montréal days from one instant to a later one (a day lost or gained to DST still counts as one). */
  wholeDaysBetween(from: Date, to: Date): number {
    return Math.floor((this.wallClock(to) - this.wallClock(from)) / DAY + 1e-9);
  }
}
