import { parse } from 'csv-parse/sync';
import { rate } from '../figures/rate.js';
import { BOM, csvChunks, csvField, csvRecord } from './csv-writer.js';
import { dateCell, rateCell, type Table } from './table.js';

async function text(tables: Table[], lang: 'fr' | 'en' = 'fr', delimiter: 'comma' | 'semicolon' = 'comma') {
  let out = '';
  for await (const chunk of csvChunks(tables, lang, delimiter)) out += chunk;
  return out;
}

describe('CSV writer', () => {
  it('quotes a field with a comma, a quote, a line break, or a space at either end, and doubles quotes', () => {
    expect(csvField('Lab 148', 'fr')).toBe('Lab 148');
    expect(csvField('Café "Les Amis", Montréal\nCoop', 'fr')).toBe('"Café ""Les Amis"", Montréal\nCoop"');
    expect(csvField('a\rb', 'fr')).toBe('"a\rb"');
    expect(csvField(' espace', 'fr')).toBe('" espace"');
    expect(csvField('espace ', 'fr')).toBe('"espace "');
    expect(csvField('', 'fr')).toBe('');
    expect(csvField(null, 'fr')).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")', 'fr')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1 514 555 0100', 'fr')).toBe("'+1 514 555 0100");
    expect(csvField('-2', 'fr')).toBe("'-2");
    expect(csvField('@SUM(A1)', 'fr')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd', 'fr')).toBe("'\tcmd");
    expect(csvField('a=b', 'fr')).toBe('a=b');
    expect(csvField(42, 'fr')).toBe('42');
    expect(csvField(0, 'fr')).toBe('0');
  });

  it('writes a rate as a whole percent in the way each language reads it, and dates as they are', () => {
    expect(csvField(rateCell(rate(10, 16)), 'fr')).toBe('63 %');
    expect(csvField(rateCell(rate(10, 16)), 'en')).toBe('63%');
    expect(csvField(rateCell(null), 'fr')).toBe('');
    expect(csvField(dateCell('2023-09-13'), 'fr')).toBe('2023-09-13');
  });

  it('ends records with CRLF', () => {
    expect(csvRecord(['a', 1, null, 'b'], 'fr')).toBe('a,1,,b\r\n');
  });

  it('writes a BOM, then the tables separated by an empty line, each with its title when it has one', async () => {
    async function* batches() {
      yield [['Un', 1]];
      yield [['Deux, trois', 2]];
    }
    const out = await text([
      { sheet: 'A', columns: [{ header: 'Nom' }, { header: 'N' }], rows: batches() },
      {
        sheet: 'B',
        title: 'Indicateurs',
        columns: [{ header: 'Indicateur' }, { header: 'Valeur' }],
        rows: [['Taux', rateCell(rate(1, 4))]],
      },
    ]);
    expect(out.startsWith(BOM)).toBe(true);
    expect(out.slice(1)).toBe(
      'Nom,N\r\nUn,1\r\n"Deux, trois",2\r\n\r\nIndicateurs\r\nIndicateur,Valeur\r\nTaux,25 %\r\n',
    );
  });

  it('round-trips through an ordinary CSV parser', async () => {
    const names = ['Café "Les Amis", Montréal\nCoop', 'Élan, "coop"\r\nde travail', ' padded ', 'Ça va'];
    const out = await text([{ sheet: 'A', columns: [{ header: 'Projet' }], rows: names.map((n) => [n]) }]);
    const records: string[][] = parse(out, { bom: true, relax_column_count: true });
    expect(records.map((r) => r[0])).toEqual(['Projet', ...names]);
  });

  it('quotes a field that holds a semicolon, so a spreadsheet that splits on ; keeps it whole', () => {
    expect(csvField('x;=1+1;', 'fr')).toBe('"x;=1+1;"');
    expect(csvField('a;b', 'fr')).toBe('"a;b"');
    expect(csvField('=1;2', 'fr')).toBe('"\'=1;2"');
  });

  it('separates cells with a semicolon on request, and still quotes commas and semicolons', () => {
    expect(csvRecord(['a', 1, 'b, c', 'd;e', null], 'fr', 'semicolon')).toBe('a;1;"b, c";"d;e";\r\n');
  });

  it.each([',', ';'])('keeps x;=1+1; whole when split on %s, and no cell ever starts with =', async (delimiter) => {
    const names = ['x;=1+1;', 'a,=2+2,', '=3+3;b'];
    for (const separator of ['comma', 'semicolon'] as const) {
      const columns = [{ header: 'Projet' }, { header: 'N' }];
      const table: Table = { sheet: 'A', columns, rows: names.map((n) => [n, 1]) };
      const out = await text([table], 'fr', separator);
      // A spreadsheet that guesses the other separator reads a quoted cell leniently, as relax_quotes does.
      const guessed: string[][] = parse(out, { bom: true, relax_column_count: true, relax_quotes: true, delimiter });
      expect(guessed.flat().filter((cell) => cell.startsWith('='))).toEqual([]);
      if ((delimiter === ';') === (separator === 'semicolon')) {
        const records: string[][] = parse(out, { bom: true, delimiter });
        expect(records).toEqual([
          ['Projet', 'N'],
          ['x;=1+1;', '1'],
          ['a,=2+2,', '1'],
          ["'=3+3;b", '1'],
        ]);
      }
    }
  });

  it('writes the same rows with either delimiter', async () => {
    const tables = (): Table[] => [
      {
        sheet: 'A',
        columns: [{ header: 'Nom' }, { header: 'N' }],
        rows: [
          ['Café "Les Amis", Montréal\nCoop', 2],
          ['x;=1+1;', 3],
        ],
      },
      {
        sheet: 'B',
        title: 'Indicateurs',
        columns: [{ header: 'Indicateur' }, { header: 'Valeur' }],
        rows: [['Taux', rateCell(rate(1, 4))]],
      },
    ];
    const comma = parse(await text(tables()), { bom: true, relax_column_count: true });
    const semicolonText = await text(tables(), 'fr', 'semicolon');
    const semicolon = parse(semicolonText, { bom: true, delimiter: ';', relax_column_count: true });
    expect(semicolon).toEqual(comma);
    expect(comma).toHaveLength(7);
  });
});
