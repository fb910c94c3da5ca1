import { Readable } from 'node:stream';
import { csvChunks } from './csv-writer.js';
import type { CsvDelimiter, ExportFormat, ExportLang } from './export-format.js';
import { jsonChunks } from './json-writer.js';
import type { Table } from './table.js';
import { xlsxStream } from './xlsx-writer.js';

/** A file ready to be sent: its name and a stream that produces it as it is read. */
export interface ExportFile {
  filename: string;
  format: ExportFormat;
  stream: Readable;
}

/** How a file is written: its format, the language people read, and CSV's separator. */
export interface ExportStyle {
  format: ExportFormat;
  lang: ExportLang;
  delimiter: CsvDelimiter;
}

/** A reporting year's report in the format asked for; the year as the query gave it, checked by the service. */
export interface YearReportOptions extends ExportStyle {
  year: string | undefined;
}

/**
 * The same export in the format asked for: the tables for CSV and XLSX, the JSON document's
 * entries for JSON. Both are built lazily, so nothing is read from the database before the
 * response starts to flow.
 */
export function renderExport(
  { format, lang, delimiter }: ExportStyle,
  tables: () => Table[],
  json: () => [key: string, value: unknown][],
): Readable {
  if (format === 'xlsx') return xlsxStream(tables());
  const chunks = format === 'csv' ? csvChunks(tables(), lang, delimiter) : jsonChunks(json());
  return Readable.from(chunks, { objectMode: false });
}
