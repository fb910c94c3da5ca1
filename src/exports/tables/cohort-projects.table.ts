import type { Stage } from '../../programs/stage.entity.js';
import type { ExportedProject } from '../cohort-projects.reader.js';
import type { ExportLang, Localised } from '../export-format.js';
import { COOP_TYPE_LABELS, KIND_LABELS, labelOf, stageLabel, STATUS_LABELS } from '../labels.js';
import { dateCell, moneyCell, type Cell, type Table, type TableColumn } from '../table.js';

const SHEET: Localised = { fr: 'Projets', en: 'Projects' };

const column = (header: Localised, width: number, lang: ExportLang): TableColumn => ({ header: header[lang], width });

/**
 * One row per project of the cohort: who they are, where they stand, the date each milestone was
 * reached (one column per milestone of the program), the financing granted to it, and, when asked
 * by staff, their contacts.
 */
export function cohortProjectsTable(
  batches: AsyncIterable<ExportedProject[]>,
  stages: Stage[],
  withContacts: boolean,
  lang: ExportLang,
): Table {
  const milestones = stages.filter((s) => s.milestone !== null);
  const columns: TableColumn[] = [
    column({ fr: 'Projet', en: 'Project' }, 30, lang),
    column({ fr: 'Secteur', en: 'Sector' }, 22, lang),
    column({ fr: 'Type de projet', en: 'Kind' }, 12, lang),
    column({ fr: 'Type de coopérative', en: 'Co-op type' }, 26, lang),
    column({ fr: 'Région', en: 'Region' }, 6, lang),
    column({ fr: 'Entrepreneur·e·s', en: 'Entrepreneurs' }, 8, lang),
    column({ fr: 'Conseiller·ère', en: 'Advisor' }, 22, lang),
    column({ fr: 'Étape actuelle', en: 'Current stage' }, 26, lang),
    column({ fr: 'Statut', en: 'Status' }, 10, lang),
    ...milestones.map((s) => column({ fr: `Date : ${s.labelFr}`, en: `Date: ${s.labelEn}` }, 12, lang)),
    column({ fr: 'Jours dans le programme', en: 'Days in the program' }, 8, lang),
    column({ fr: 'Financement accordé', en: 'Financing granted' }, 12, lang),
    ...(withContacts
      ? [column({ fr: 'Contacts', en: 'Contacts' }, 30, lang), column({ fr: 'Courriels', en: 'E-mails' }, 30, lang)]
      : []),
  ];

  const cellsOf = (project: ExportedProject): Cell[] => [
    project.name,
    project.sector,
    labelOf(KIND_LABELS, project.kind, lang),
    labelOf(COOP_TYPE_LABELS, project.coopType, lang),
    project.region,
    project.entrepreneurs,
    project.advisor,
    stageLabel(project.stage, lang),
    labelOf(STATUS_LABELS, project.status, lang),
    ...milestones.map((s) => dateCell(project.milestones[s.milestone!] ?? null)),
    project.daysInProgram,
    moneyCell(project.financingGrantedCents),
    ...(withContacts
      ? [project.contacts!.map((c) => c.name).join('; '), project.contacts!.map((c) => c.email).join('; ')]
      : []),
  ];

  async function* rows(): AsyncGenerator<Cell[][]> {
    for await (const batch of batches) yield batch.map(cellsOf);
  }

  return { sheet: SHEET[lang], columns, rows: rows() };
}
