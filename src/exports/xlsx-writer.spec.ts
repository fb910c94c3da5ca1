import ExcelJS from 'exceljs';
import type { Cell, Table } from './table.js';
import { xlsxStream } from './xlsx-writer.js';

/** The file the writer streams, read back by exceljs as a spreadsheet application would read it. */
async function readBack(tables: Table[]): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  for await (const chunk of xlsxStream(tables)) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook;
}

const rate = (ratio: number): Cell => ({
  kind: 'rate',
  rate: { numerator: ratio * 100, denominator: 100, ratio, percent: Math.round(ratio * 100) },
});
const date = (day: string): Cell => ({ kind: 'date', date: day });

describe('XLSX writer', () => {
  it('writes streamed rows in order, typed and styled, text neither run nor altered beyond the formula guard', async () => {
    async function* batches(): AsyncGenerator<Cell[][]> {
      yield [
        ['Coop « a », n° 1 "la" & <b>', 3, date('2023-05-01'), rate(0.63), null],
        ['=SUM(A1:A2)', -1.5, null, { kind: 'rate', rate: null }, 'multi\nline\ttab'],
      ];
      yield [];
      yield [['contrôle\u0001caché', 0, date('2024-02-29'), rate(1), '@cmd']];
    }
    const workbook = await readBack([
      {
        sheet: 'Projets',
        columns: ['Projet', 'N', 'Date', 'Taux', 'Note'].map((header) => ({ header })),
        rows: batches(),
      },
    ]);

    const sheet = workbook.getWorksheet('Projets')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Projet', 'N', 'Date', 'Taux', 'Note']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'Coop « a », n° 1 "la" & <b>',
      3,
      new Date('2023-05-01T00:00:00Z'),
      0.63,
    ]);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('0%');
    expect(sheet.getRow(2).getCell(1).style.numFmt).toBeUndefined();
    // A would-be formula stays text, with the apostrophe the CSV gives it too.
    expect(sheet.getRow(3).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).values).toEqual([undefined, "'=SUM(A1:A2)", -1.5, undefined, undefined, 'multi\nline\ttab']);
    // The empty batch takes no row; a control character XML cannot hold is dropped.
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      'contrôlecaché',
      0,
      new Date('2024-02-29T00:00:00Z'),
      1,
      "'@cmd",
    ]);
    expect(sheet.rowCount).toBe(4);
  });

  it('writes each table on its own sheet, with wide rows past column Z and rows left empty', async () => {
    const wide: Cell[] = Array.from({ length: 30 }, (_, i) => (i % 2 ? i : date('2023-01-02')));
    const workbook = await readBack([
      { sheet: 'Indicateurs', columns: [{ header: 'Taux' }], rows: [[rate(0.5)], [null]] },
      { sheet: 'Large', columns: wide.map((_, i) => ({ header: `c${i}` })), rows: [[null], wide] },
    ]);

    const figures = workbook.getWorksheet('Indicateurs')!;
    expect(figures.getRow(2).getCell(1).value).toBe(0.5);
    expect(figures.getRow(2).getCell(1).numFmt).toBe('0%');
    expect(figures.rowCount).toBe(2);

    const large = workbook.getWorksheet('Large')!;
    expect(large.getRow(2).values).toEqual([]);
    expect(large.getRow(3).getCell(30).value).toBe(29);
    expect(large.getRow(3).getCell('AD').value).toBe(29);
    expect(large.getRow(3).getCell(29).value).toEqual(new Date('2023-01-02T00:00:00Z'));
    expect(large.getRow(3).getCell(29).numFmt).toBe('yyyy-mm-dd');
  });
});
