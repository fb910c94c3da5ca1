import type { ExportLang } from '../export-format.js';
import type { ProgramWork } from '../program-work.js';
import type { Table } from '../table.js';

/** Hours and jobs of the year's projects: a missing count is its own column, never a zero in the sum. */
export function reportWorkTable(work: ProgramWork, year: string, lang: ExportLang): Table {
  const fr = lang === 'fr';
  return {
    sheet: fr ? 'Heures et emplois' : 'Hours and jobs',
    title: fr
      ? `Heures et emplois ${year} des projets des cohortes (emplois : projets constitués dans l’année, dernier nombre inscrit)`
      : `Hours and jobs ${year} of the cohorts' projects (jobs: projects incorporated in the year, latest count recorded)`,
    columns: (fr
      ? ['Indicateur', 'Valeur', 'Projets sans nombre inscrit']
      : ['Indicator', 'Value', 'Projects without a count']
    ).map((header) => ({ header })),
    rows: [
      [fr ? 'Heures consignées dans l’année' : 'Hours recorded in the year', work.hours, null],
      [fr ? 'Projets constitués dans l’année' : 'Projects incorporated in the year', work.incorporated, null],
      [fr ? 'dont transferts' : 'of which takeovers', work.takeovers, null],
      [fr ? 'Emplois créés' : 'Jobs created', work.jobsCreated.jobs, work.jobsCreated.missing],
      [fr ? 'Emplois maintenus' : 'Jobs maintained', work.jobsMaintained.jobs, work.jobsMaintained.missing],
    ],
  };
}
