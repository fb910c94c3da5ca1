import type { ProgramYearStats } from '../../figures/figures.types.js';
import type { Program } from '../../programs/program.entity.js';
import type { Satisfaction } from '../../satisfaction/satisfaction.types.js';
import type { ExportLang } from '../export-format.js';
import { rateCell, type Cell, type Table } from '../table.js';
import { FIGURE_NAMES } from './figure-rows.js';

/**
 * The year's cohorts as the annual report prints them, and the total. The start rate is the one
 * the report uses on each line: incorporated / completed for a cohort, incorporated / registered
 * for the year (the 100 % of each cohort beside the 63 % of the program).
 */
export function reportCohortsTable(
  program: Program,
  stats: ProgramYearStats,
  satisfaction: { byCohort: Map<number, Satisfaction>; total: Satisfaction },
  lang: ExportLang,
): Table {
  const fr = lang === 'fr';
  const name = fr ? program.nameFr : program.nameEn;
  const headers = [
    fr ? 'Cohorte' : 'Cohort',
    fr ? 'Libellé' : 'Label',
    fr ? 'Inscrits' : 'Registered',
    fr ? 'Formation complétée' : 'Completed',
    fr ? 'Constitués' : 'Incorporated',
    FIGURE_NAMES.completionRate[lang],
    FIGURE_NAMES.startRate[lang],
    FIGURE_NAMES.entrepreneurs[lang],
    fr ? 'Réponses (satisfaction)' : 'Responses (satisfaction)',
    fr ? 'Satisfaits (4 ou 5)' : 'Satisfied (4 or 5)',
    fr ? 'Très satisfaits (5)' : 'Very satisfied (5)',
  ];
  const line = (
    first: Cell,
    label: string,
    counts: Omit<ProgramYearStats, 'programCode' | 'year' | 'cohorts'>,
    shares: Satisfaction | undefined,
  ): Cell[] => [
    first,
    label,
    counts.registered,
    counts.completed,
    counts.incorporated,
    rateCell(counts.completionRate),
    rateCell(counts.startRate),
    counts.entrepreneurs,
    shares?.responses ?? 0,
    rateCell(shares?.satisfied ?? null),
    rateCell(shares?.verySatisfied ?? null),
  ];
  return {
    sheet: fr ? 'Cohortes' : 'Cohorts',
    title: fr
      ? `${name} ${stats.year} : cohortes et total (taux de démarrage : constitués / formation complétée par cohorte, constitués / inscrits au total)`
      : `${name} ${stats.year}: cohorts and total (start rate: incorporated / completed per cohort, incorporated / registered in total)`,
    columns: headers.map((header) => ({ header })),
    rows: [
      ...stats.cohorts.map((cohort) =>
        line(cohort.number, cohort.label, cohort, satisfaction.byCohort.get(cohort.cohortId)),
      ),
      line('Total', stats.year, stats, satisfaction.total),
    ],
  };
}
