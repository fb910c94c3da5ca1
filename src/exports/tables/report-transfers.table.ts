import type { ExportLang } from '../export-format.js';
import { stageLabel } from '../labels.js';
import type { Cell, Table } from '../table.js';

export interface TransfersAtStage {
  code: string;
  labelFr: string;
  labelEn: string;
  /** Takeover projects of the year in this stage now, active or on hold. */
  projects: number;
}

/** Where the year's takeover projects stand: "13 projects, from pre-feasibility to financial set-up". */
export function reportTransfersTable(stages: TransfersAtStage[], year: string, lang: ExportLang): Table {
  const fr = lang === 'fr';
  const rows: Cell[][] = stages.map((stage) => [stageLabel(stage, lang), stage.projects]);
  rows.push(['Total', stages.reduce((sum, stage) => sum + stage.projects, 0)]);
  return {
    sheet: fr ? 'Transferts par étape' : 'Transfers by stage',
    title: fr ? `Projets de transfert ${year} par étape` : `Transfer projects ${year} by stage`,
    columns: (fr ? ['Étape', 'Projets'] : ['Stage', 'Projects']).map((header) => ({ header })),
    rows,
  };
}
