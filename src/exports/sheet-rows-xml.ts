import { neutraliseFormula } from './spreadsheet-text.js';
import { dollarsText, type Cell } from './table.js';

/**
 * The ids of the workbook's shared styles a data cell can carry (plain cells carry none). Asked
 * for on a cell's first use, so that they are numbered in the order exceljs itself would.
 */
export interface CellStyleIds {
  date(): number;
  percent(): number;
  money(): number;
}

// The characters exceljs escapes in text, and the control characters XML 1.0 forbids, which it
// drops (tab, line feed and carriage return stay).
// eslint-disable-next-line no-control-regex -- the control characters are what this looks for
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const XML_SPECIALS = new RegExp(XML_SPECIAL.source, 'g');
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text as SpreadsheetML content: escaped, forbidden control characters dropped, as exceljs writes it. */
export function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (c) => ENTITIES[c] ?? '') : text;
}

/** Excel's serial day for 1970-01-01 (in the 1900 date system). */
const EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

/** Serial days by date, computed once: a sheet's dates are few and come back row after row. */
const SERIAL_DAYS = new Map<string, number>();
const SERIAL_DAYS_KEPT = 20_000;

/** A calendar date as Excel's serial day, as exceljs computes it from midnight UTC of that day. */
function serialDay(date: string): number {
  let serial = SERIAL_DAYS.get(date);
  if (serial === undefined) {
    if (SERIAL_DAYS.size >= SERIAL_DAYS_KEPT) SERIAL_DAYS.clear();
    serial = EPOCH_SERIAL + Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    SERIAL_DAYS.set(date, serial);
  }
  return serial;
}

/** A column's letters: 1 is A, 27 is AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The letters of the first columns, index 0 for column A, grown as wider rows come. */
const LETTERS: string[] = [];
function lettersOf(index: number): string {
  while (LETTERS.length <= index) LETTERS.push(columnLetters(LETTERS.length + 1));
  return LETTERS[index];
}

/** One cell's XML, or '' for an empty one (no cell at all, as exceljs leaves it). */
function cellXml(ref: string, cell: Cell, styles: CellStyleIds): string {
  if (cell === null) return '';
  // A string is never a formula; the apostrophe keeps it the same text as in the CSV.
  if (typeof cell === 'string') return `<c r="${ref}" t="str"><v>${xmlText(neutraliseFormula(cell))}</v></c>`;
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (cell.kind === 'date') return `<c r="${ref}" s="${styles.date()}"><v>${serialDay(cell.date)}</v></c>`;
  // The dollars as a number the sheet can add up, shown with two decimals.
  if (cell.kind === 'money') return `<c r="${ref}" s="${styles.money()}"><v>${dollarsText(cell.cents)}</v></c>`;
  if (cell.rate === null) return '';
  return `<c r="${ref}" s="${styles.percent()}"><v>${cell.rate.ratio}</v></c>`;
}

/**
 * Rows of cells as a worksheet's `<row>` elements, numbered from `firstRow`: the XML exceljs's
 * streaming writer writes for the same cells, without its object per cell and per row, which
 * took most of an XLSX export's time. A row without any value is left out, its number skipped.
 */
export function rowsXml(rows: Cell[][], firstRow: number, styles: CellStyleIds): string {
  let xml = '';
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const number = firstRow + r;
    let content = '';
    let first = 0;
    let last = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cellXml(`${lettersOf(i)}${number}`, cells[i], styles);
      if (cell === '') continue;
      content += cell;
      if (first === 0) first = i + 1;
      last = i + 1;
    }
    if (content !== '') xml += `<row r="${number}" spans="${first}:${last}" x14ac:dyDescent="0.25">${content}</row>`;
  }
  return xml;
}
