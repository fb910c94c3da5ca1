import type { CsvDelimiter, ExportLang } from './export-format.js';
import { neutraliseFormula } from './spreadsheet-text.js';
import { dollarsText, type Cell, type Table } from './table.js';

/** Lets spreadsheets (Excel above all) read the file as UTF-8 rather than guess a legacy code page. */
export const BOM = '\uFEFF';
const LINE_END = '\r\n';

const SEPARATORS: Record<CsvDelimiter, string> = { comma: ',', semicolon: ';' };

// RFC 4180 quotes fields with a separator, a quote or a line break; leading or trailing spaces
// are quoted too, because some readers trim them otherwise. Both separators are quoted whichever
// one the file uses: a spreadsheet that guesses `;` (French locales do) must not split `x;=1+1`
// and run a cell that starts after the `;`, where the leading apostrophe cannot reach.
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

function quoted(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvField(cell: Cell, lang: ExportLang): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'string') return quoted(neutraliseFormula(cell));
  if (cell.kind === 'date') return cell.date;
  if (cell.kind === 'money') return dollarsText(cell.cents);
  if (cell.rate === null) return '';
  // What a spreadsheet in that language reads as a percentage: "63 %" in French, "63%" in English.
  return lang === 'fr' ? `${cell.rate.percent} %` : `${cell.rate.percent}%`;
}

export function csvRecord(cells: Cell[], lang: ExportLang, delimiter: CsvDelimiter = 'comma'): string {
  const separator = SEPARATORS[delimiter];
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : separator) + csvField(cells[i], lang);
  return line + LINE_END;
}

/**
 * The tables one after another, an empty line between them, as text chunks: one chunk per batch
 * of rows, so a large table is never whole in memory.
 */
export async function* csvChunks(
  tables: Table[],
  lang: ExportLang,
  delimiter: CsvDelimiter = 'comma',
): AsyncGenerator<string> {
  const record = (cells: Cell[]) => csvRecord(cells, lang, delimiter);
  yield BOM;
  for (const [index, table] of tables.entries()) {
    let head = index > 0 ? LINE_END : '';
    if (table.title !== undefined) head += record([table.title]);
    head += record(table.columns.map((c) => c.header));
    yield head;
    if (Array.isArray(table.rows)) {
      yield table.rows.map(record).join('');
    } else {
      for await (const batch of table.rows) yield batch.map(record).join('');
    }
  }
}
