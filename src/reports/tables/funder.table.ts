import type { ExportLang } from '../../exports/export-format.js';
import type { Cell, Table } from '../../exports/table.js';
import type { FunderRow } from '../funder-rows.js';

/** The partnership agreement's table, one line per row; the jobs rows say how many counts are missing. */
export function funderTable(rows: FunderRow[], year: string, lang: ExportLang): Table {
  const fr = lang === 'fr';
  const lines: Cell[][] = rows.map((row) => [fr ? row.labelFr : row.labelEn, row.value, row.missing ?? null]);
  return {
    sheet: fr ? 'Entente de partenariat' : 'Partnership agreement',
    title: fr ? `Entente de partenariat, volet Accompagnement ${year}` : `Partnership agreement, support ${year}`,
    columns: (fr ? ['Indicateur', 'Valeur', 'Sans décompte'] : ['Indicator', 'Value', 'Without a count']).map(
      (header) => ({ header }),
    ),
    rows: lines,
  };
}
