import type { CohortFigures } from '../../figures/figures.types.js';
import type { Satisfaction } from '../../satisfaction/satisfaction.types.js';
import type { ExportLang } from '../export-format.js';
import type { Table } from '../table.js';
import { figureRows } from './figure-rows.js';

/** The cohort's figures as GET /cohorts/:id/stats gives them, and its participants' satisfaction. */
export function cohortFiguresTable(figures: CohortFigures, satisfaction: Satisfaction, lang: ExportLang): Table {
  const fr = lang === 'fr';
  return {
    sheet: fr ? 'Indicateurs' : 'Figures',
    columns: (fr
      ? ['Indicateur', 'Valeur', 'Numérateur', 'Dénominateur']
      : ['Indicator', 'Value', 'Numerator', 'Denominator']
    ).map((header) => ({ header })),
    rows: figureRows(figures, satisfaction, lang),
  };
}
