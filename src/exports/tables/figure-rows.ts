import type { FigureCounts } from '../../figures/figures.types.js';
import type { Rate } from '../../figures/rate.js';
import type { Satisfaction } from '../../satisfaction/satisfaction.types.js';
import type { ExportLang, Localised } from '../export-format.js';
import { rateCell, type Cell } from '../table.js';

/** The names of the figures, shared by the tables that show them. */
export const FIGURE_NAMES = {
  registered: { fr: 'Projets inscrits', en: 'Registered projects' },
  completed: { fr: 'Formation complétée', en: 'Completed the training' },
  incorporated: { fr: 'Constitués en coopérative', en: 'Incorporated' },
  operating: { fr: 'En activité', en: 'Operating' },
  abandoned: { fr: 'Abandons', en: 'Abandoned' },
  onHold: { fr: 'En pause', en: 'On hold' },
  entrepreneurs: { fr: 'Entrepreneur·e·s', en: 'Entrepreneurs' },
  completionRate: { fr: 'Taux de complétion', en: 'Completion rate' },
  startRate: { fr: 'Taux de démarrage', en: 'Start rate' },
  responses: { fr: 'Réponses au sondage de satisfaction', en: 'Satisfaction survey responses' },
  satisfied: { fr: 'Satisfaits (4 ou 5 sur 5)', en: 'Satisfied (4 or 5 out of 5)' },
  verySatisfied: { fr: 'Très satisfaits (5 sur 5)', en: 'Very satisfied (5 out of 5)' },
} satisfies Record<string, Localised>;

type CountName = keyof FigureCounts;

const countRow = (name: CountName, figures: FigureCounts, lang: ExportLang): Cell[] => [
  FIGURE_NAMES[name][lang],
  figures[name],
  null,
  null,
];
const rateRow = (name: Localised, rate: Rate | null, lang: ExportLang): Cell[] => [
  name[lang],
  rateCell(rate),
  rate?.numerator ?? null,
  rate?.denominator ?? null,
];

/** Indicator, value, numerator, denominator: a count fills the value, a rate all three. */
export function figureRows(
  figures: FigureCounts & { completionRate: Rate | null; startRate: Rate | null },
  satisfaction: Satisfaction,
  lang: ExportLang,
): Cell[][] {
  return [
    ...(['registered', 'completed', 'incorporated', 'operating', 'abandoned', 'onHold', 'entrepreneurs'] as const).map(
      (name) => countRow(name, figures, lang),
    ),
    rateRow(FIGURE_NAMES.completionRate, figures.completionRate, lang),
    rateRow(FIGURE_NAMES.startRate, figures.startRate, lang),
    [FIGURE_NAMES.responses[lang], satisfaction.responses, null, null],
    rateRow(FIGURE_NAMES.satisfied, satisfaction.satisfied, lang),
    rateRow(FIGURE_NAMES.verySatisfied, satisfaction.verySatisfied, lang),
  ];
}
