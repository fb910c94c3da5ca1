import ExcelJS from 'exceljs';
import {
  cellText,
  columnLetter,
  columnName,
  fittedCells,
  headerNames,
  ImportFileProblem,
  isBlank,
  type ImportSheet,
  type SheetRecord,
} from './import-sheet.js';
import { notWorkbook } from './workbook-zip.js';
import { worksheetParts } from './xlsx-parts.js';

// Styles are read so that exceljs recognises date-formatted numbers; hyperlinks are ignored so that
// a linked cell keeps its text as its value.
const READER_OPTIONS = {
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  worksheets: 'emit',
  entries: 'ignore',
} as const;

const problemAt = (row: number, column: string, what: string) =>
  new ImportFileProblem(`row ${row}, column "${column}": ${what}`, row, column);

/** A calendar date as YYYY-MM-DD, with its time (UTC, as exceljs reads a sheet's dates) when it has one. */
function dateText(date: Date, row: number, column: string): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw problemAt(row, column, 'the cell holds a date that cannot be read');
  const iso = new Date(Math.round(time / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A cell's value as text. A formula is refused rather than evaluated, its cached result being anyone's guess. */
function valueText(value: ExcelJS.CellValue, row: number, column: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value, row, column);
  if ('formula' in value || 'sharedFormula' in value)
    throw problemAt(row, column, 'the cell holds a formula; paste values only');
  if ('error' in value) throw problemAt(row, column, `the cell holds the error ${String(value.error)}`);
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('text' in value) return String(value.text);
  throw problemAt(row, column, 'the cell holds a value that cannot be read');
}

/** The row's values as text, untrimmed, from column A to its last cell. */
function rowTexts(row: ExcelJS.Row, columnOf: (index: number) => string): string[] {
  const texts: string[] = [];
  row.eachCell((cell, number) => {
    while (texts.length < number - 1) texts.push('');
    texts[number - 1] = valueText(cell.value, row.number, columnOf(number - 1));
  });
  return texts;
}

/** exceljs's own failures (XML it cannot parse, a part it does not expect) become a problem the caller shows. */
function wrapped(error: unknown): unknown {
  return error instanceof ImportFileProblem ? error : notWorkbook('its content cannot be read');
}

async function* rowsOf(workbook: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<ExcelJS.Row> {
  for await (const worksheet of workbook) yield* worksheet;
}

/**
 * An XLSX workbook's sheet: its header (the first row that is not blank) and the rows after it, read
 * from the workbook as the caller asks for them. Rows keep the numbers the sheet shows.
 */
export async function readXlsxSheet(file: Buffer, sheetNames?: readonly string[]): Promise<ImportSheet> {
  try {
    const { stream, sheetName } = await worksheetParts(file, sheetNames);
    const rows = rowsOf(new ExcelJS.stream.xlsx.WorkbookReader(stream, READER_OPTIONS));
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const texts = rowTexts(next.value, columnLetter);
      if (texts.every((text) => text.trim() === '')) continue;
      const headers = headerNames(texts, next.value.number);
      return { headers, records: records(rows, headers) };
    }
    throw new ImportFileProblem(`the sheet "${sheetName}" is empty`);
  } catch (error) {
    throw wrapped(error);
  }
}

async function* records(rows: AsyncGenerator<ExcelJS.Row>, headers: string[]): AsyncGenerator<SheetRecord> {
  const columnOf = (index: number) => (index < headers.length ? columnName(headers, index) : columnLetter(index));
  try {
    for await (const row of rows) {
      const cells = rowTexts(row, columnOf).map((text, i) => cellText(text, row.number, columnOf(i)));
      if (!isBlank(cells)) yield { row: row.number, cells: fittedCells(cells, headers, row.number) };
    }
  } catch (error) {
    throw wrapped(error);
  }
}
