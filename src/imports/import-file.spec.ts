import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { csvChunks } from '../exports/csv-writer.js';
import { neutraliseFormula, restoreFormulaText } from '../exports/spreadsheet-text.js';
import type { Cell, Table } from '../exports/table.js';
import { xlsxStream } from '../exports/xlsx-writer.js';
import {
  ImportFileProblem,
  importFileKind,
  MAX_CELL_LENGTH,
  readImportSheet,
  type ImportFileKind,
  type SheetRecord,
} from './import-file.js';

async function read(file: Buffer | string, kind: ImportFileKind = 'csv', sheetNames?: string[]) {
  const sheet = await readImportSheet(typeof file === 'string' ? Buffer.from(file) : file, kind, { sheetNames });
  const records: SheetRecord[] = [];
  for await (const record of sheet.records) records.push(record);
  return { headers: sheet.headers, records };
}

/** The problem reading the file raises, wherever it is found: in the header or in a record. */
async function problem(file: Buffer | string, kind: ImportFileKind = 'csv', sheetNames?: string[]) {
  try {
    await read(file, kind, sheetNames);
  } catch (error) {
    if (error instanceof ImportFileProblem) return error;
    throw error;
  }
  throw new Error('the file was read without a problem');
}

async function workbook(fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('restoreFormulaText', () => {
  it('gives back the text neutraliseFormula guarded, and leaves other apostrophes', () => {
    for (const text of ['=1+1', '-5', '+33 1', '@home', '\tx', 'plain', "'quoted'"])
      expect(restoreFormulaText(neutraliseFormula(text))).toBe(text);
    expect(restoreFormulaText("'tis")).toBe("'tis");
  });
});

describe('CSV', () => {
  it('reads comma-separated records, padding short ones', async () => {
    const { headers, records } = await read('Nom,Secteur,Ville\r\nCoop A,Bois,Lyon\r\nCoop B,Pain\r\n');
    expect(headers).toEqual(['Nom', 'Secteur', 'Ville']);
    expect(records).toEqual([
      { row: 2, cells: ['Coop A', 'Bois', 'Lyon'] },
      { row: 3, cells: ['Coop B', 'Pain', ''] },
    ]);
  });

  it('reads semicolon-separated records with a BOM, keeping commas in cells', async () => {
    const { headers, records } = await read('\uFEFFNom;Montant\n Coop, A ;1,5\n');
    expect(headers).toEqual(['Nom', 'Montant']);
    expect(records).toEqual([{ row: 2, cells: ['Coop, A', '1,5'] }]);
  });

  it('reads quoted separators, quotes and line breaks, numbering rows as a spreadsheet shows them', async () => {
    const text = 'Nom,Note\n"Coop, ""A""","ligne 1\r\nligne 2"\n\nCoop B,ok\n';
    const { records } = await read(text);
    expect(records).toEqual([
      { row: 2, cells: ['Coop, "A"', 'ligne 1\r\nligne 2'] },
      { row: 4, cells: ['Coop B', 'ok'] },
    ]);
  });

  it('ends the records where a table the export writes after a blank line begins, and only there', async () => {
    const exported = 'Nom,Note\na,b\n\nIndicateur,Valeur\nTaux de démarrage,63 %\n';
    const sheet = await readImportSheet(Buffer.from(exported), 'csv', { tablesAfter: ['Indicateur', 'Indicator'] });
    const records: SheetRecord[] = [];
    for await (const record of sheet.records) records.push(record);
    expect(records).toEqual([{ row: 2, cells: ['a', 'b'] }]);
    // Without the blank line, or under another first cell, a row is a row.
    expect((await read('Nom,Note\na,b\nIndicateur,Valeur\n')).records).toHaveLength(2);
  });

  it('keeps cells as written, the apostrophe an export puts before a formula included, for the caller to judge', async () => {
    const { records } = await read("Nom,Note\n'=SUM(A1),=1+1\n'-3,'plain\n");
    expect(records.map((r) => r.cells)).toEqual([
      ["'=SUM(A1)", '=1+1'],
      ["'-3", "'plain"],
    ]);
  });

  it('refuses a NUL character, naming its row', async () => {
    const refused = await problem('Nom,Note\na,b\nc,d\u0000\n');
    expect(refused.row).toBe(3);
    expect(refused.message).toMatch(/row 3 .*NUL/);
  });

  it('refuses a 10 MB cell, naming its row and column', async () => {
    for (const cell of ['x'.repeat(10_000_000), `"${'x'.repeat(10_000_000)}"`]) {
      const refused = await problem(`Nom,Note\na,b\nc,${cell}\n`);
      expect([refused.row, refused.column]).toEqual([3, 'Note']);
      expect(refused.message).toContain(`row 3, column "Note": the cell is longer than ${MAX_CELL_LENGTH} characters`);
    }
  });

  it('refuses text that is not UTF-8', async () => {
    const latin1 = Buffer.from('Nom;Ville\nCoop;Besançon\n', 'latin1');
    expect((await problem(latin1)).message).toMatch(/not encoded in UTF-8/);
  });

  it('refuses JSON, HTML, a single column and tabs, saying what is accepted', async () => {
    expect((await problem('[{"nom": "Coop", "ville": "Lyon"}]')).message).toMatch(/JSON.*CSV.*XLSX/);
    expect((await problem('<!DOCTYPE html><html><table>')).message).toMatch(/HTML/);
    expect((await problem('Nom\nCoop A\n')).message).toBe(
      'the first line is not a header of columns separated by commas or semicolons',
    );
    expect((await problem('Nom\tVille\nA\tB\n')).message).toMatch(/separated by tabs/);
  });

  it('refuses a record with more cells than the header, and an unterminated quote', async () => {
    const tooMany = await problem('a,b\n1,2\n1,2,3\n');
    expect([tooMany.row, tooMany.message]).toEqual([3, 'row 3 has 3 cells, the header has 2']);
    const unterminated = await problem('a,b\n"x\ny",1\n2,"oops\n3,4\n');
    expect(unterminated.row).toBe(3);
    expect(unterminated.message).toMatch(/row 3: a quote opens a cell that is never closed/);
  });

  it('refuses a header named twice', async () => {
    const refused = await problem('Nom,Ville,nom\n');
    expect(refused.message).toBe('the header "nom" appears twice (columns A and C)');
  });
});

describe('XLSX', () => {
  it('reads the sheet named as asked, with numbers, dates, booleans and rich text as text', async () => {
    const file = await workbook((book) => {
      book.addWorksheet('Feuil1').addRow(['Autre', 'Feuille']);
      const sheet = book.addWorksheet('Projets');
      sheet.addRow(['Nom', 'Début', 'Montant', 'Actif', 'Note']);
      sheet.addRow([]);
      const row = sheet.addRow([
        { richText: [{ text: 'Coop ' }, { text: 'A', font: { bold: true } }] },
        new Date(Date.UTC(2024, 2, 5)),
        1234.5,
        true,
        "'=1+1",
      ]);
      row.getCell(2).numFmt = 'dd/mm/yyyy';
      sheet.addRow(['Coop B', null, 42, false, '=2+2']);
    });
    const { headers, records } = await read(file, 'xlsx', ['Projects', 'projets']);
    expect(headers).toEqual(['Nom', 'Début', 'Montant', 'Actif', 'Note']);
    expect(records).toEqual([
      { row: 3, cells: ['Coop A', '2024-03-05', '1234.5', 'true', "'=1+1"] },
      { row: 4, cells: ['Coop B', '', '42', 'false', '=2+2'] },
    ]);
  });

  it('reads the first sheet when no name is asked', async () => {
    const file = await workbook((book) => {
      book.addWorksheet('Feuil1').addRows([
        ['a', 'b'],
        [1, 2],
      ]);
      book.addWorksheet('Projets').addRows([['x', 'y']]);
    });
    expect(await read(file, 'xlsx')).toEqual({ headers: ['a', 'b'], records: [{ row: 2, cells: ['1', '2'] }] });
  });

  it('reads the first visible sheet, a hyperlink as its text, and refuses an error value', async () => {
    const file = await workbook((book) => {
      const hidden = book.addWorksheet('Cachée');
      hidden.state = 'hidden';
      hidden.addRow(['h1', 'h2']);
      const sheet = book.addWorksheet('Vue');
      sheet.addRow(['Nom', 'Site', 'Quand', 'Valeur']);
      sheet.addRow([
        'A',
        { text: 'site', hyperlink: 'https://example.org' },
        new Date(Date.UTC(2024, 0, 2, 13, 30)),
        1,
      ]);
      sheet.getCell('C2').numFmt = 'yyyy-mm-dd hh:mm';
      sheet.addRow(['B', '', null, { error: '#N/A' }]);
    });
    const sheet = await readImportSheet(file, 'xlsx');
    expect(sheet.headers).toEqual(['Nom', 'Site', 'Quand', 'Valeur']);
    const records = sheet.records[Symbol.asyncIterator]();
    expect((await records.next()).value).toEqual({ row: 2, cells: ['A', 'site', '2024-01-02T13:30:00', '1'] });
    await expect(records.next()).rejects.toThrow('row 3, column "Valeur": the cell holds the error #N/A');
  });

  it('reads a workbook another program wrote: inline strings, no shared strings, parts named its own way', async () => {
    const zip = new JSZip();
    const relationship = (id: string, type: string, target: string) =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    zip.file(
      'xl/_rels/workbook.xml.rels',
      `<Relationships>${relationship('rId1', 'worksheet', '/xl/worksheets/data.xml')}</Relationships>`,
    );
    zip.file(
      'xl/workbook.xml',
      '<workbook xmlns:r="r"><sheets><sheet name="R&amp;D" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    zip.file(
      'xl/worksheets/data.xml',
      `<worksheet><sheetData><row r="2">${inline('A2', 'Nom')}${inline('B2', 'Ville')}</row>` +
        `<row r="3">${inline('A3', 'Coop')}<c r="B3"><v>7</v></c></row></sheetData></worksheet>`,
    );
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(await read(file, 'xlsx', ['r&d'])).toEqual({
      headers: ['Nom', 'Ville'],
      records: [{ row: 3, cells: ['Coop', '7'] }],
    });
  });

  it('lists the sheets it has when none has a name asked for', async () => {
    const file = await workbook((book) => {
      book.addWorksheet('Feuil1');
      book.addWorksheet('Données');
    });
    expect((await problem(file, 'xlsx', ['Projets', 'Projects'])).message).toBe(
      'the workbook has no sheet named Projets or Projects; it has: Feuil1, Données',
    );
  });

  it('refuses a formula, naming its row and column', async () => {
    const file = await workbook((book) => {
      const sheet = book.addWorksheet('Projets');
      sheet.addRows([
        ['Nom', 'Total'],
        ['Coop A', 3],
      ]);
      sheet.addRow(['Coop B', { formula: 'B2*2', result: 6 }]);
    });
    const refused = await problem(file, 'xlsx');
    expect([refused.row, refused.column]).toEqual([3, 'Total']);
    expect(refused.message).toBe('row 3, column "Total": the cell holds a formula; paste values only');
  });

  it('refuses a value beyond the header and a cell that is too long', async () => {
    const beyond = await workbook((book) => {
      const sheet = book.addWorksheet('Projets');
      sheet.addRows([
        ['Nom', 'Ville'],
        ['Coop A', 'Lyon'],
      ]);
      sheet.getCell('E2').value = 'perdu';
    });
    expect((await problem(beyond, 'xlsx')).message).toBe('row 2 has 5 cells, the header has 2');
    const long = await workbook((book) =>
      book.addWorksheet('P').addRows([
        ['Nom', 'Note'],
        ['a', 'x'.repeat(6000)],
      ]),
    );
    expect((await problem(long, 'xlsx')).message).toMatch(/^row 2, column "Note": the cell is longer than/);
  });

  it('refuses a zip that is not a workbook, and a damaged workbook, as not an XLSX workbook', async () => {
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    const word = await docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect((await problem(word, 'xlsx')).message).toMatch(/not an XLSX workbook \(it is a Word document\)/);

    const valid = await workbook((book) => {
      const sheet = book.addWorksheet('Projets');
      for (let i = 0; i < 2000; i++) sheet.addRow([`Coop ${i}`, i, `texte ${i * 7}`]);
    });
    for (const at of [0.2, 0.5, 0.7, 0.9]) {
      const damaged = Buffer.from(valid);
      const from = Math.floor(damaged.length * at);
      for (let i = from; i < from + 64; i++) damaged[i] = (damaged[i] * 31 + 7) & 255;
      expect((await problem(damaged, 'xlsx')).message).toMatch(/not an XLSX workbook/);
    }
    expect((await problem(valid.subarray(0, valid.length / 2), 'xlsx')).message).toMatch(/not an XLSX workbook/);
  });
});

describe('an export read back', () => {
  const exported: Table = {
    sheet: 'Projets',
    columns: ['Projet', 'Début', 'Heures'].map((header) => ({ header })),
    rows: [
      ['=SUM(A1)', { kind: 'date', date: '2024-02-29' }, 12.5],
      ['-Coop; "la"', null, 3],
    ] as Cell[][],
  };
  // As written, the export's guard included: the import's caller removes it after judging the cell.
  const expected = [
    { row: 2, cells: ["'=SUM(A1)", '2024-02-29', '12.5'] },
    { row: 3, cells: ['\'-Coop; "la"', '', '3'] },
  ];

  it('gets back from the XLSX export what was exported', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of xlsxStream([exported])) chunks.push(chunk as Buffer);
    expect(await read(Buffer.concat(chunks), 'xlsx', ['projets'])).toEqual({
      headers: ['Projet', 'Début', 'Heures'],
      records: expected,
    });
  });

  it('gets back from the CSV export, semicolon-separated, what was exported', async () => {
    let text = '';
    for await (const chunk of csvChunks([exported], 'fr', 'semicolon')) text += chunk;
    expect((await read(text)).records).toEqual(expected);
  });
});

describe('importFileKind', () => {
  it('takes a zip for a workbook and text for CSV, whatever the name says', () => {
    expect(importFileKind('projets.csv', 'text/csv', Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('xlsx');
    expect(importFileKind('projets.xlsx', 'application/vnd.ms-excel', Buffer.from('Nom;Ville\n'))).toBe('csv');
  });

  it('refuses a legacy .xls, a PDF, binary data and JSON, saying what is accepted', () => {
    const kindOf =
      (bytes: Buffer, name = 'projets.xls') =>
      () =>
        importFileKind(name, undefined, bytes);
    expect(kindOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toThrow(
      /Excel 97-2003 workbook \(\.xls\).*XLSX/,
    );
    expect(kindOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'projets.pdf')).toThrow(/a PDF document; only CSV .* XLSX/);
    expect(kindOf(Buffer.from([0x00, 0x01, 0x02, 0x41]), 'export.bin')).toThrow(
      /binary data, not text \(a \.bin file\)/,
    );
    expect(kindOf(Buffer.from('{"projects": []}'), 'projets.json')).toThrow(/JSON data/);
    expect(kindOf(Buffer.from('%PDF-1.4'))).toThrow(ImportFileProblem);
  });
});
