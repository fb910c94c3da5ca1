import {
  cellTooLong,
  cellText,
  columnLetter,
  columnName,
  fittedCells,
  headerNames,
  ImportFileProblem,
  isBlank,
  MAX_CELL_LENGTH,
  type ImportSheet,
  type SheetRecord,
} from './import-sheet.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A record as the file holds it: its cells untrimmed, and the spreadsheet row it shows on. */
interface RawRecord {
  row: number;
  cells: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decoded(file: Buffer): string {
  try {
    return utf8.decode(file).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportFileProblem(
      'the file is not encoded in UTF-8: save it as "CSV UTF-8" (or as an XLSX workbook) and send it again',
    );
  }
}

/**
 * The separator of the first line that is not blank: comma or semicolon, whichever splits it into
 * more columns, counting only those outside quotes (a quoted name may hold either). A semicolon
 * wins a tie, as French spreadsheets separate with it.
 */
function separatorOf(text: string): ',' | ';' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (content) break;
    } else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
    if (c !== '\n' && c !== '\r') content = true;
  }
  const best = Math.max(counts[','], counts[';']);
  if (counts['\t'] > best)
    throw new ImportFileProblem(
      'the columns of the first line are separated by tabs: only commas or semicolons are accepted ' +
        '(save the file as CSV, or as an XLSX workbook)',
    );
  if (best === 0) throw notHeader();
  return counts[';'] >= counts[','] ? ';' : ',';
}

const notHeader = () =>
  new ImportFileProblem('the first line is not a header of columns separated by commas or semicolons');

/**
 * The records of RFC 4180 text, one at a time. A record's row counts records, not lines: a quoted
 * line break stays inside its cell, as a spreadsheet shows it. A cell is refused as soon as it
 * passes MAX_CELL_LENGTH, before the rest of it is read.
 */
function* rawRecords(text: string, separator: string, columnOf: (index: number) => string): Generator<RawRecord> {
  const sep = separator.charCodeAt(0);
  const end = text.length;
  let i = 0;
  let row = 0;
  while (i < end) {
    row++;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1)
            throw new ImportFileProblem(
              `row ${row}: a quote opens a cell that is never closed`,
              row,
              columnOf(cells.length),
            );
          if (cell.length + close - i > MAX_CELL_LENGTH) throw cellTooLong(row, columnOf(cells.length));
          cell += text.slice(i, close);
          i = close + 1;
          if (text.charCodeAt(i) !== QUOTE) break;
          cell += '"';
          i++;
        }
      }
      // An unquoted cell, or what follows a closing quote before the separator (kept as text, as
      // spreadsheets do, rather than refused).
      const start = i;
      for (let c = text.charCodeAt(i); i < end && c !== sep && c !== LF && c !== CR; c = text.charCodeAt(++i))
        if (cell.length + i - start >= MAX_CELL_LENGTH) throw cellTooLong(row, columnOf(cells.length));
      cells.push(cell + text.slice(start, i));
      if (i < end && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      if (text.charCodeAt(i) === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      break;
    }
    yield { row, cells };
  }
}

/** A CSV file's header and records; the records are read from the text as the caller asks for them. */
export function readCsvSheet(file: Buffer, tablesAfter: string[] = []): ImportSheet {
  const text = decoded(file);
  const separator = separatorOf(text);
  let headers: string[] = [];
  const records = rawRecords(text, separator, (index) => columnName(headers, index));
  let header: RawRecord | undefined;
  for (let next = records.next(); !next.done; next = records.next()) {
    if (next.value.cells.some((cell) => cell.trim() !== '')) {
      header = next.value;
      break;
    }
  }
  if (header === undefined) throw new ImportFileProblem('the file is empty');
  headers = headerNames(header.cells, header.row);
  if (headers.length < 2) throw notHeader();
  const nextTable = new Set(tablesAfter.map((name) => name.toLocaleLowerCase()));
  return { headers, records: checkedRecords(records, headers, nextTable) };
}

// The records are split from the text only as the caller asks for them; nothing here waits.
// eslint-disable-next-line @typescript-eslint/require-await -- async only to be the AsyncIterable the XLSX reader also gives
async function* checkedRecords(
  records: Iterator<RawRecord>,
  headers: string[],
  nextTable: Set<string>,
): AsyncGenerator<SheetRecord> {
  let afterBlank = false;
  for (let next = records.next(); !next.done; next = records.next()) {
    const { row, cells: raw } = next.value;
    const cells = raw.map((cell, i) =>
      cellText(cell, row, i < headers.length ? columnName(headers, i) : columnLetter(i)),
    );
    if (isBlank(cells)) {
      afterBlank = true;
      continue;
    }
    if (afterBlank && nextTable.has(cells[0].toLocaleLowerCase())) return;
    afterBlank = false;
    yield { row, cells: fittedCells(cells, headers, row) };
  }
}
