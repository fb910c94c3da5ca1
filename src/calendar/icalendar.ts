import { contentLines, dateValue, escapeText, nextDay, utcDateTime } from './ical-text.js';

/** An event that takes a whole day, as a calendar shows a due date or a cohort's first day. */
export interface AllDayEvent {
  /** Globally unique and stable: the same event keeps it from one reading of the feed to the next. */
  uid: string;
  /** The calendar date, `YYYY-MM-DD`. */
  date: string;
  summary: string;
  description?: string;
}

export interface Calendar {
  /** The calendar's name, as calendar applications show it (X-WR-CALNAME). */
  name: string;
  /** When the feed was written: each event's DTSTAMP. */
  writtenAt: Date;
  events: AllDayEvent[];
}

export const PRODUCT_ID = '-//coop-tracker//Calendar feed//FR';

/** An iCalendar object (RFC 5545): a VCALENDAR of one-day VEVENTs, CRLF line ends, folded lines. */
export function writeCalendar(calendar: Calendar): string {
  const stamp = utcDateTime(calendar.writtenAt);
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODUCT_ID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    // How often a subscribing application should read the feed again (RFC 7986, and its older name).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${dateValue(event.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      // An all-day task or date blocks no time in the person's schedule.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return contentLines(lines);
}
