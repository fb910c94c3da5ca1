import type { Funnel } from '../../figures/figures.types.js';
import type { Program } from '../../programs/program.entity.js';
import type { ExportLang } from '../export-format.js';
import { labelOf, MILESTONE_LABELS, stageLabel } from '../labels.js';
import { rateCell, type Cell, type Table } from '../table.js';

/**
 * The funnel of each accompaniment program (no cohorts) for the year, one row per stage; the
 * milestone stages carry the rates the report prints (42 met, 48 % engaged, 55 % incorporated).
 */
export function reportFunnelsTable(
  funnels: { program: Program; funnel: Funnel }[],
  year: string,
  lang: ExportLang,
): Table {
  const fr = lang === 'fr';
  const headers = fr
    ? [
        'Programme',
        'Étape',
        'Jalon',
        "Projets ayant atteint l'étape",
        "Projets à l'étape maintenant",
        "Médiane de jours dans l'étape",
        'Taux depuis le jalon précédent',
        'Taux depuis le premier jalon',
      ]
    : [
        'Program',
        'Stage',
        'Milestone',
        'Projects that reached the stage',
        'Projects in the stage now',
        'Median days in the stage',
        'Rate from the previous milestone',
        'Rate from the first milestone',
      ];
  const rows: Cell[][] = [];
  for (const { program, funnel } of funnels) {
    const programName = fr ? program.nameFr : program.nameEn;
    for (const stage of funnel.stages) {
      const milestone = funnel.milestones.find((m) => m.stageCode === stage.code);
      rows.push([
        programName,
        stageLabel(stage, lang),
        stage.milestone ? labelOf(MILESTONE_LABELS, stage.milestone, lang) : null,
        stage.reached,
        stage.current,
        stage.medianDays,
        milestone ? rateCell(milestone.fromPrevious) : null,
        milestone ? rateCell(milestone.fromFirst) : null,
      ]);
    }
  }
  return {
    sheet: fr ? 'Accompagnements' : 'Accompaniments',
    title: fr ? `Accompagnements ${year} : entonnoir par programme` : `Accompaniments ${year}: funnel by program`,
    columns: headers.map((header) => ({ header })),
    rows,
  };
}
