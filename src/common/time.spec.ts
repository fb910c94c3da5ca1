import { localDateOf, parseInstant, wholeDaysBetween } from './time.js';

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
