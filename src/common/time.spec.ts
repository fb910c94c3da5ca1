import { DateTime } from 'luxon';
import { LOCAL_ZONE, localDateOf, parseInstant, wholeDaysBetween } from './time.js';

describe('instants from user input', () => {
  it('reads a bare date as the start of that day in Montréal', () => {
    expect(parseInstant('2023-05-12')?.toISOString()).toBe('2023-05-12T04:00:00.000Z'); // EDT, UTC-4
    expect(parseInstant('2023-01-12')?.toISOString()).toBe('2023-01-12T05:00:00.000Z'); // EST, UTC-5
  });

  it('keeps the offset a full date-time gives', () => {
    expect(parseInstant('2023-05-12T10:00:00Z')?.toISOString()).toBe('2023-05-12T10:00:00.000Z');
    expect(parseInstant('2023-05-12T10:00:00-04:00')?.toISOString()).toBe('2023-05-12T14:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(parseInstant('2023-02-30')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('counts whole days and local dates', () => {
    expect(wholeDaysBetween(new Date('2023-05-01T00:00:00Z'), new Date('2023-05-11T23:00:00Z'))).toBe(10);
    expect(wholeDaysBetween(parseInstant('2024-02-09')!, parseInstant('2024-05-09')!)).toBe(90); // across the March DST change
    expect(wholeDaysBetween(parseInstant('2024-10-01')!, parseInstant('2024-11-30')!)).toBe(60); // across the November one
    expect(localDateOf(new Date('2023-05-12T03:00:00Z'))).toBe('2023-05-11');
  });
});

describe('whole days in Montréal', () => {
  it('agrees with a calendar difference in the zone, around both 2026 clock changes', () => {
    const calendarDays = (from: Date, to: Date) =>
      Math.floor(
        DateTime.fromJSDate(to, { zone: LOCAL_ZONE }).diff(DateTime.fromJSDate(from, { zone: LOCAL_ZONE }), 'days')
          .days + 1e-9,
      );
    const disagreements: string[] = [];
    for (const change of ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z']) {
      const around = new Date(change).getTime();
      // Every 20 minutes from three days before the change to three days after, against instants up to 40 days later.
      for (let from = around - 3 * 86_400_000; from < around + 3 * 86_400_000; from += 20 * 60_000) {
        for (const later of [
          0,
          59 * 60_000,
          23 * 3_600_000,
          24 * 3_600_000,
          25 * 3_600_000,
          40 * 86_400_000 + 1_234_567,
        ]) {
          const a = new Date(from);
          const b = new Date(from + later);
          if (wholeDaysBetween(a, b) !== calendarDays(a, b))
            disagreements.push(`${a.toISOString()} -> ${b.toISOString()}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('local dates in Montréal', () => {
  it('agree with luxon every 97 minutes for three years, across six clock changes', () => {
    const mismatches: string[] = [];
    const start = Date.UTC(2022, 0, 1);
    for (let ms = start; ms < start + 3 * 365 * 86_400_000; ms += 97 * 60_000) {
      const instant = new Date(ms);
      if (localDateOf(instant) !== DateTime.fromJSDate(instant, { zone: LOCAL_ZONE }).toISODate())
        mismatches.push(instant.toISOString());
    }
    expect(mismatches).toEqual([]);
  });
});
