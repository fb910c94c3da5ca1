import { LocalTime } from './local-time.js';
import { localDateOf, parseInstant, wholeDaysBetween } from './time.js';

describe('LocalTime', () => {
  it('gives the same dates and day counts as luxon, across daylight-saving changes and at any hour', () => {
    const local = new LocalTime();
    // Every 97 minutes for three years: crosses six DST switches at many minutes of the hour.
    const start = Date.UTC(2022, 0, 1);
    const anchors = [parseInstant('2022-03-13')!, parseInstant('2023-11-05')!, new Date(Date.UTC(2024, 6, 1, 3, 30))];
    const mismatches: string[] = [];
    for (let ms = start; ms < start + 3 * 365 * 86_400_000; ms += 97 * 60_000) {
      const instant = new Date(ms);
      if (local.dateOf(instant) !== localDateOf(instant)) mismatches.push(`date of ${instant.toISOString()}`);
      for (const anchor of anchors) {
        const [from, to] = anchor < instant ? [anchor, instant] : [instant, anchor];
        if (local.wholeDaysBetween(from, to) !== wholeDaysBetween(from, to)) mismatches.push(`days ${from.toISOString()} -> ${to.toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps the cases time.spec.ts checks', () => {
    const local = new LocalTime();
    expect(local.wholeDaysBetween(new Date('2023-05-01T00:00:00Z'), new Date('2023-05-11T23:00:00Z'))).toBe(10);
    expect(local.wholeDaysBetween(parseInstant('2024-02-09')!, parseInstant('2024-05-09')!)).toBe(90);
    expect(local.wholeDaysBetween(parseInstant('2024-10-01')!, parseInstant('2024-11-30')!)).toBe(60);
    expect(local.dateOf(new Date('2023-05-12T03:00:00Z'))).toBe('2023-05-11');
  });
});
