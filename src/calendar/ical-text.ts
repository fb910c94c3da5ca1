/**
 * The few pieces of RFC 5545 a feed of all-day events needs: TEXT values escaped, content lines
 * folded at 75 octets, dates in its basic format. Written here rather than taken from a library:
 * the feed writes, never reads, and this is all of what it writes.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break as
 * `\n`. Control characters other than a tab are not allowed in TEXT: they are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,]/g, (character) => `\\${character}`)
      .replace(/\n/g, '\\n')
  );
}

/**
 * One content line folded (§3.1): at most 75 octets a line, each continuation line starting with a
 * space, which counts among its 75. A character is never split across two lines, so each line
 * stays valid UTF-8.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** A calendar date `YYYY-MM-DD` as a DATE value, `YYYYMMDD`. */
export function dateValue(date: string): string {
  return date.slice(0, 10).replace(/-/g, '');
}

/** The calendar date after `YYYY-MM-DD`: where an all-day event of one day ends (DTEND is exclusive). */
export function nextDay(date: string): string {
  const next = new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}

/** An instant as a DATE-TIME in UTC, `YYYYMMDDTHHMMSSZ`. */
export function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Content lines joined as the format wants: each folded, each ended by CRLF, the last one too. */
export function contentLines(lines: string[]): string {
  return lines.map((line) => foldLine(line) + CRLF).join('');
}
