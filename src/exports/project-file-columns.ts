import type { ExportLang, Localised } from './export-format.js';

/**
 * The columns of a file of projects, one row per project and program: what the cohort export
 * writes and what `POST /imports/projects` reads, by these headers in either language, so that
 * every export is a file the import takes. The import reads a column by its header, in any order.
 */
export const PROJECT_FILE_COLUMNS = {
  /** This database's project id: the import's key when given (the export does not write it). */
  projectId: { fr: 'N° de projet', en: 'Project no.' },
  name: { fr: 'Projet', en: 'Project' },
  sector: { fr: 'Secteur', en: 'Sector' },
  kind: { fr: 'Type de projet', en: 'Kind' },
  coopType: { fr: 'Type de coopérative', en: 'Co-op type' },
  region: { fr: 'Région', en: 'Region' },
  entrepreneurs: { fr: 'Entrepreneur·e·s', en: 'Entrepreneurs' },
  /** The advisor's name, for people to read; the import goes by the e-mail. */
  advisor: { fr: 'Conseiller·ère', en: 'Advisor' },
  /** Where the dates leave the project, for people to read; the import goes by the dates. */
  stage: { fr: 'Étape actuelle', en: 'Current stage' },
  status: { fr: 'Statut', en: 'Status' },
  /** Written for people to read; the import reads past them (days follow from the dates; money is not imported). */
  daysInProgram: { fr: 'Jours dans le programme', en: 'Days in the program' },
  financingGranted: { fr: 'Financement accordé', en: 'Financing granted' },
  program: { fr: 'Programme', en: 'Program' },
  cohort: { fr: 'Cohorte', en: 'Cohort' },
  /** A cohort the import creates starts and ends on these days; they must agree with one that exists. */
  cohortStartsOn: { fr: 'Début de la cohorte', en: 'Cohort starts' },
  cohortEndsOn: { fr: 'Fin de la cohorte', en: 'Cohort ends' },
  cohortLabel: { fr: 'Libellé de la cohorte', en: 'Cohort label' },
  cohortDelivery: { fr: 'Formule de la cohorte', en: 'Cohort delivery' },
  advisorEmail: { fr: 'Courriel du conseiller·ère', en: 'Advisor e-mail' },
  enrolledOn: { fr: "Date d'inscription", en: 'Enrolment date' },
  statusReason: { fr: 'Motif du statut', en: 'Status reason' },
  statusOn: { fr: 'Date du statut', en: 'Status date' },
  contacts: { fr: 'Contacts', en: 'Contacts' },
  contactEmails: { fr: 'Courriels', en: 'E-mails' },
} satisfies Record<string, Localised>;

export type ProjectFileColumn = keyof typeof PROJECT_FILE_COLUMNS;

/** Several contacts share a cell, in the same order in both columns. */
export const CONTACT_SEPARATOR = '; ';

/** The column of the date on which a project reached a stage: one per stage of its program. */
export function stageDateHeader(stage: { labelFr: string; labelEn: string }, lang: ExportLang): string {
  return lang === 'fr' ? `Date : ${stage.labelFr}` : `Date: ${stage.labelEn}`;
}
