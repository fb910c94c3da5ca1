import { contentLines, dateValue, escapeText, foldLine, nextDay, utcDateTime } from './ical-text.js';

describe('iCalendar text', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('un\ndeux\r\ntrois\rquatre')).toBe('un\\ndeux\\ntrois\\nquatre');
    expect(escapeText('Coopérative « La Seiche »')).toBe('Coopérative « La Seiche »');
  });

  it('drops control characters TEXT does not allow, and keeps a tab', () => {
    expect(escapeText('a\u0007b\tc\u007f')).toBe('ab\tc');
  });

  it('leaves a line of 75 octets whole and folds the 76th onto a line that starts with a space', () => {
    const line = 'x'.repeat(75);
    expect(foldLine(line)).toBe(line);
    expect(foldLine(`${line}y`)).toBe(`${line}\r\n y`);
    const long = foldLine('z'.repeat(200));
    for (const part of long.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(
      long
        .split('\r\n')
        .map((part, i) => (i === 0 ? part : part.slice(1)))
        .join(''),
    ).toBe('z'.repeat(200));
  });

  it('counts octets, never splitting a character of several bytes', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    const parts = folded.split('\r\n');
    for (const part of parts) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    }
    // 8 octets of "SUMMARY:", then 33 two-octet é fill the first line to 74 (a 34th would make 76).
    expect(parts[0]).toBe(`SUMMARY:${'é'.repeat(33)}`);
    expect(parts.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });

  it('ends every content line with CRLF', () => {
    expect(contentLines(['BEGIN:VCALENDAR', 'END:VCALENDAR'])).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });

  it('writes dates and instants in the basic format, and the next day across months and leap days', () => {
    expect(dateValue('2026-11-23')).toBe('20261123');
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(utcDateTime(new Date('2026-11-23T15:04:05.678Z'))).toBe('20261123T150405Z');
  });
});
