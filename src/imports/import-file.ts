import { readCsvSheet } from './csv-sheet.js';
import { ImportFileProblem, type ImportSheet } from './import-sheet.js';
import { readXlsxSheet } from './xlsx-sheet.js';

export { ImportFileProblem, MAX_CELL_LENGTH, type ImportSheet, type SheetRecord } from './import-sheet.js';

export type ImportFileKind = 'csv' | 'xlsx';

const ACCEPTED = 'only CSV files (UTF-8, columns separated by commas or semicolons) and XLSX workbooks are accepted';

const ZIP = Buffer.from('PK\x03\x04', 'latin1');

// Files people send instead of a spreadsheet, by the bytes they begin with.
const SIGNATURES: { start: Buffer; what: string }[] = [
  {
    start: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    what: 'an Excel 97-2003 workbook (.xls) or a workbook protected by a password: save it as XLSX, without password',
  },
  { start: Buffer.from('%PDF-', 'latin1'), what: 'a PDF document' },
  { start: Buffer.from('PK\x05\x06', 'latin1'), what: 'an empty zip archive' },
  { start: Buffer.from([0x89, 0x50, 0x4e, 0x47]), what: 'a PNG image' },
  { start: Buffer.from([0xff, 0xd8, 0xff]), what: 'a JPEG image' },
  { start: Buffer.from('GIF8', 'latin1'), what: 'a GIF image' },
  { start: Buffer.from([0x1f, 0x8b]), what: 'a gzip archive' },
  { start: Buffer.from('Rar!', 'latin1'), what: 'a RAR archive' },
  { start: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), what: 'a 7z archive' },
  { start: Buffer.from('{\\rtf', 'latin1'), what: 'an RTF document' },
  { start: Buffer.from([0xff, 0xfe]), what: 'UTF-16 text ("Unicode text"): save it as "CSV UTF-8"' },
  { start: Buffer.from([0xfe, 0xff]), what: 'UTF-16 text ("Unicode text"): save it as "CSV UTF-8"' },
];

/** What text that is not CSV seems to be: JSON, or a web page (some programs name those .xls). */
function nonCsvText(firstBytes: Buffer): string | undefined {
  const start = firstBytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(\{\s*["}]|\[\s*[[{"\]])/.test(start)) return 'JSON data';
  if (/^<(!doctype\s+html|html|\?xml|table|head|body|!--)/i.test(start)) return 'an HTML page or an XML document';
  return undefined;
}

const notAccepted = (what: string) => new ImportFileProblem(`the file is ${what}; ${ACCEPTED}`);

/**
 * How to read an uploaded file, from its content: a zip is taken for a workbook, text for CSV. The
 * content type is not trusted (browsers on Windows send Excel's for any .csv); the name only helps
 * describe a file that is neither.
 */
export function importFileKind(filename: string, _contentType: string | undefined, firstBytes: Buffer): ImportFileKind {
  if (firstBytes.subarray(0, ZIP.length).equals(ZIP)) return 'xlsx';
  const known = SIGNATURES.find(({ start }) => firstBytes.subarray(0, start.length).equals(start));
  if (known) throw notAccepted(known.what);
  if (firstBytes.subarray(0, 1024).includes(0)) {
    const extension = /\.[\w-]{1,10}$/.exec(filename)?.[0];
    throw notAccepted(`binary data, not text${extension ? ` (a ${extension} file)` : ''}`);
  }
  const text = nonCsvText(firstBytes);
  if (text) throw notAccepted(text);
  return 'csv';
}

export interface ImportSheetOptions {
  /** A workbook's sheet to read, by one of these names (any case); else the first visible one. */
  sheetNames?: string[];
  /**
   * Headers (their first cell) of the tables an export writes after the one read, in the same CSV
   * after a blank line: the records end there.
   */
  tablesAfter?: string[];
}

/**
 * The file's header and records. CSV text is decoded at once and split as records are asked for;
 * a workbook's rows are parsed from it as they are asked for.
 */
export async function readImportSheet(
  file: Buffer,
  kind: ImportFileKind,
  options?: ImportSheetOptions,
): Promise<ImportSheet> {
  if (kind === 'xlsx') return await readXlsxSheet(file, options?.sheetNames);
  const text = nonCsvText(file);
  if (text) throw notAccepted(text);
  return readCsvSheet(file, options?.tablesAfter ?? []);
}
