import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { rowsXml, type CellStyleIds } from './sheet-rows-xml.js';
import type { Cell, Table } from './table.js';

// One style object per kind of cell, shared by every cell of that kind.
const PERCENT: Partial<ExcelJS.Style> = { numFmt: '0%' };
const DATE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' };
const MONEY: Partial<ExcelJS.Style> = { numFmt: '0.00' };
const HEADER: Partial<ExcelJS.Style> = { font: { bold: true } };
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

// Excel refuses these in a sheet name, and names over 31 characters.
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** How wide a cell's content shows, in characters, to size its column. */
function shownLength(cell: Cell): number {
  if (cell === null) return 0;
  if (typeof cell === 'string') return Math.max(...cell.split(/\r?\n/).map((line) => line.length));
  if (typeof cell === 'number') return String(cell).length;
  if (cell.kind === 'money') return String(cell.cents).length + 1;
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

/** The workbook's ids for the data cells' shared styles, each registered with exceljs on its first use. */
function cellStyleIds(workbook: ExcelJS.stream.xlsx.WorkbookWriter): CellStyleIds {
  const styles = (workbook as unknown as { styles: WorkbookStyles }).styles;
  let date: number | undefined;
  let percent: number | undefined;
  let money: number | undefined;
  return {
    date: () => (date ??= styles.addStyleModel(DATE, ExcelJS.ValueType.Date)),
    percent: () => (percent ??= styles.addStyleModel(PERCENT, ExcelJS.ValueType.Number)),
    money: () => (money ??= styles.addStyleModel(MONEY, ExcelJS.ValueType.Number)),
  };
}

async function* batchesOf(rows: Table['rows']): AsyncGenerator<Cell[][]> {
  if (Array.isArray(rows)) yield rows;
  else yield* rows;
}

/** exceljs's registry of the workbook's styles, which numbers a style the first time it sees it. */
interface WorkbookStyles {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number;
}

/** A Node stream, or the older readable-stream one archiver uses, which has no writableNeedDrain. */
type Sink = NodeJS.EventEmitter & {
  destroyed?: boolean;
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
};

/** Resolves once a stream that asked for a pause has taken what it holds (or has closed). */
function drained(stream: Sink | undefined): Promise<void> {
  if (!stream || stream.destroyed || !(stream.writableNeedDrain ?? stream._writableState?.needDrain))
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Where exceljs writes a sheet's XML on its way to the zip: its rows go there as they are rendered. */
function sheetStreamOf(sheet: ExcelJS.Worksheet): { write(xml: string): unknown } {
  return (sheet as unknown as { stream: { write(xml: string): unknown } }).stream;
}

/**
 * Where exceljs hands a sheet's XML to the zip. exceljs ignores that stream's backpressure, and
 * an SQLite read never yields to the event loop: unchecked, the whole sheet would pile up there
 * before the zip compressed a byte of it. Reached through exceljs 4's stream buffer (`pipes`).
 */
function zipInputOf(sheet: ExcelJS.Worksheet): Sink | undefined {
  return (sheet as unknown as { stream?: { pipes?: Sink[] } }).stream?.pipes?.[0];
}

/**
 * One sheet per table, through exceljs's streaming writer: it writes the workbook, the sheets'
 * settings and header rows; the data rows are rendered here (rowsXml), a batch at a time, into
 * the sheet's stream, as exceljs would have. Headers are bold, the header row frozen, rates
 * percent cells, dates date cells, money number cells with two decimals.
 */
export function xlsxStream(tables: Table[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const styles = cellStyleIds(workbook);

  const write = async () => {
    for (const table of tables) {
      // Views are written when the sheet opens, and column widths before its first row.
      const sheet = workbook.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
      widthsOf(table).forEach((width, i) => (sheet.getColumn(i + 1).width = width));
      const header = sheet.addRow([]);
      table.columns.forEach((column, i) => {
        const cell = header.getCell(i + 1);
        cell.value = column.header;
        cell.style = HEADER;
      });
      header.commit();
      let nextRow = 2;
      const batches = batchesOf(table.rows);
      for (;;) {
        if (out.destroyed) return batches.return(undefined);
        const next = await batches.next();
        if (next.done) break;
        sheetStreamOf(sheet).write(rowsXml(next.value, nextRow, styles));
        nextRow += next.value.length;
        // Rows go no faster than the zip compresses them and the client reads them.
        await drained(zipInputOf(sheet));
        await drained(out);
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}
