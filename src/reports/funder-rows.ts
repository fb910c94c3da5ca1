import type { Localised } from '../exports/export-format.js';

/** The rows of the CQCM's table, in its order and its wording (domain.md, "The funder report"). */
export const FUNDER_ROWS = {
  startUpInterventions: {
    fr: "Nombre d'interventions de démarrage (ancien volet A)",
    en: 'Number of start-up interventions (former component A)',
  },
  accompanimentInterventions: {
    fr: "Nombre d'interventions d'accompagnement (ancien volet B)",
    en: 'Number of accompaniment interventions (former component B)',
  },
  jobsCreated: { fr: 'Emplois créés', en: 'Jobs created' },
  jobsMaintained: { fr: 'Emplois maintenus', en: 'Jobs maintained' },
  totalInterventions: { fr: "Nombre total d'interventions", en: 'Total number of interventions' },
  totalHours: { fr: "Nombre total d'heures d'interventions", en: 'Total number of intervention hours' },
} satisfies Record<string, Localised>;

export type FunderRowKey = keyof typeof FUNDER_ROWS;
export const FUNDER_ROW_KEYS = Object.keys(FUNDER_ROWS) as FunderRowKey[];

export interface FunderRow {
  key: FunderRowKey;
  labelFr: string;
  labelEn: string;
  value: number;
  missing?: number;
}
