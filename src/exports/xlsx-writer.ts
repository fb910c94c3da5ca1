import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './spreadsheet-text.js';
import type { Cell, Table } from './table.js';

const PERCENT = '0%';
const DATE = 'yyyy-mm-dd';
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

// Excel refuses these in a sheet name, and names over 31 characters.
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** How wide a cell's content shows, in characters, to size its column. */
function shownLength(cell: Cell): number {
  if (cell === null) return 0;
  if (typeof cell === 'string') return Math.max(...cell.split(/\r?\n/).map((line) => line.length));
  if (typeof cell === 'number') return String(cell).length;
  return cell.kind === 'date' ? 10 : 5;
}

/** Widths from the header and, for rows already in memory, from every value; otherwise from the column's hint. */
function widthsOf(table: Table): number[] {
  return table.columns.map((column, i) => {
    let width = Math.max(column.header.length, column.width ?? 0);
    if (Array.isArray(table.rows)) for (const row of table.rows) width = Math.max(width, shownLength(row[i] ?? null));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
}

function setCell(cell: ExcelJS.Cell, value: Cell) {
  if (value === null) return;
  if (typeof value === 'string') {
    // A string is never a formula to exceljs; the apostrophe keeps it the same text as in the CSV.
    cell.value = neutraliseFormula(value);
  } else if (typeof value === 'number') {
    cell.value = value;
  } else if (value.kind === 'date') {
    // exceljs turns a Date into a serial day from its UTC time: midnight UTC is the calendar day.
    cell.value = new Date(`${value.date}T00:00:00Z`);
    cell.numFmt = DATE;
  } else if (value.rate !== null) {
    cell.value = value.rate.ratio;
    cell.numFmt = PERCENT;
  }
}

async function* batchesOf(rows: Table['rows']): AsyncGenerator<Cell[][]> {
  if (Array.isArray(rows)) yield rows;
  else yield* rows;
}

/** Resolves when the reader has taken what was written, so rows are produced no faster than they are sent. */
function drained(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * One sheet per table, through exceljs's streaming writer: each row is committed (written to the
 * zip) as soon as it is built. Headers are bold, the header row frozen, rates percent cells.
 */
export function xlsxStream(tables: Table[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });

  const write = async () => {
    for (const table of tables) {
      // Views are written when the sheet opens, and column widths before its first row.
      const sheet = workbook.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
      widthsOf(table).forEach((width, i) => (sheet.getColumn(i + 1).width = width));
      const header = sheet.addRow(table.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for await (const batch of batchesOf(table.rows)) {
        if (out.destroyed) return;
        for (const cells of batch) {
          const row = sheet.addRow([]);
          for (let i = 0; i < cells.length; i++) setCell(row.getCell(i + 1), cells[i]);
          row.commit();
        }
        await drained(out);
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}
