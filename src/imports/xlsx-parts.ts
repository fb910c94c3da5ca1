import type { Readable } from 'node:stream';
import { ImportFileProblem } from './import-sheet.js';
import {
  inflated,
  MAX_INFLATED_BYTES,
  notWorkbook,
  storedPart,
  zipParts,
  zipStream,
  type ZipPart,
} from './workbook-zip.js';

// exceljs's streaming reader stalls forever on a part whose compressed data is damaged (unzipper
// reports the error on the archive, not on the part being read), and it copies every sheet to a
// temporary file when the shared strings come after the sheets, as Excel writes them. So the parts
// it needs are checked here first, then handed to it in the order it reads best: the workbook, its
// styles and shared strings, then the one sheet wanted.

/** What a zip that is not a workbook seems to be, for the person who sent it. */
function zipKind(parts: Map<string, ZipPart>): string {
  if (parts.has('xl/workbook.bin')) return 'it is an Excel binary workbook, .xlsb';
  if (parts.has('word/document.xml')) return 'it is a Word document';
  if (parts.has('ppt/presentation.xml')) return 'it is a PowerPoint presentation';
  if (parts.has('content.xml') && parts.has('mimetype')) return 'it is an OpenDocument file, such as .ods';
  if (parts.has('Index/Document.iwa')) return 'it is a Numbers document';
  return 'it is a zip archive';
}

/** The attributes of each element of that local name (whatever its namespace prefix), entities decoded. */
function elements(xml: string, name: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const [, attributes] of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\s([^>]*)>`, 'g'))) {
    const element: Record<string, string> = {};
    for (const [, key, double, single] of attributes.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      element[key] = xmlText(double ?? single);
    found.push(element);
  }
  return found;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const xmlText = (text: string) =>
  text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (entity, hex?: string, decimal?: string, name?: string) =>
    name === undefined ? String.fromCodePoint(hex ? parseInt(hex, 16) : Number(decimal)) : (ENTITIES[name] ?? entity),
  );

/** A relationship's target as a part name: relative to xl/, or absolute from the archive's root. */
const partName = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

export interface WorksheetParts {
  /** The workbook's parts exceljs's streaming reader needs, the chosen sheet as its only sheet. */
  stream: Readable;
  sheetName: string;
}

/**
 * The sheet to read (the first whose name is one of `sheetNames`, whatever the case, or else the
 * first visible one) with the parts needed to read it, each checked whole.
 */
export async function worksheetParts(file: Buffer, sheetNames?: readonly string[]): Promise<WorksheetParts> {
  const parts = zipParts(file);
  if (parts === undefined) throw notWorkbook('it is damaged or is not a complete zip archive');
  const workbookPart = parts.get('xl/workbook.xml');
  const relsPart = parts.get('xl/_rels/workbook.xml.rels');
  if (workbookPart === undefined || relsPart === undefined) throw notWorkbook(zipKind(parts));
  const budget = { left: MAX_INFLATED_BYTES };
  const workbookXml = (await inflated(workbookPart, budget, true)).toString('utf8');
  const rels = elements((await inflated(relsPart, budget, true)).toString('utf8'), 'Relationship');
  const relOf = (type: string) => rels.find((rel) => rel.Type?.endsWith(`/${type}`));

  const sheets = elements(workbookXml, 'sheet').map((sheet) => {
    const rel = rels.find((r) => r.Id === Object.entries(sheet).find(([key]) => /^[\w.-]+:id$/.test(key))?.[1]);
    return { name: sheet.name ?? '', hidden: sheet.state !== undefined && sheet.state !== 'visible', rel };
  });
  const worksheets = sheets.filter((sheet) => sheet.rel?.Type?.endsWith('/worksheet'));
  let chosen: (typeof worksheets)[number] | undefined = worksheets.find((sheet) => !sheet.hidden) ?? worksheets[0];
  if (sheetNames !== undefined && sheetNames.length > 0) {
    const wanted = new Set(sheetNames.map((name) => name.toLocaleLowerCase()));
    chosen = worksheets.find((sheet) => wanted.has(sheet.name.toLocaleLowerCase()));
    if (chosen === undefined)
      throw new ImportFileProblem(
        `the workbook has no sheet named ${sheetNames.join(' or ')}; it has: ${sheets.map((s) => s.name).join(', ')}`,
      );
  }
  const sheetPart = chosen?.rel?.Target === undefined ? undefined : parts.get(partName(chosen.rel.Target));
  if (chosen === undefined || sheetPart === undefined) throw notWorkbook('it has no worksheet');

  const stylesTarget = relOf('styles')?.Target;
  const stylesPart = stylesTarget === undefined ? undefined : parts.get(partName(stylesTarget));
  const stringsTarget = relOf('sharedStrings')?.Target;
  const stringsPart = stringsTarget === undefined ? undefined : parts.get(partName(stringsTarget));
  for (const part of [stylesPart, stringsPart, sheetPart]) if (part) await inflated(part, budget, false);

  // Without shared strings exceljs would park the sheet in a temporary file: an empty table keeps it in the stream.
  const stream = zipStream([
    ['xl/_rels/workbook.xml.rels', relsPart],
    ['xl/workbook.xml', workbookPart],
    ...(stylesPart ? [['xl/styles.xml', stylesPart] as [string, ZipPart]] : []),
    ['xl/sharedStrings.xml', stringsPart ?? storedPart(EMPTY_SHARED_STRINGS)],
    ['xl/worksheets/sheet1.xml', sheetPart],
  ]);
  return { stream, sheetName: chosen.name };
}
