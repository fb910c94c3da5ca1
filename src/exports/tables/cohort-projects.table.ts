import type { Stage } from '../../programs/stage.entity.js';
import type { ExportedProject } from '../cohort-projects.reader.js';
import type { ExportLang, Localised } from '../export-format.js';
import type { DeliveryMode } from '../../cohorts/cohort.entity.js';
import { COOP_TYPE_LABELS, DELIVERY_LABELS, KIND_LABELS, labelOf, stageLabel, STATUS_LABELS } from '../labels.js';
import {
  CONTACT_SEPARATOR,
  PROJECT_FILE_COLUMNS,
  stageDateHeader,
  type ProjectFileColumn,
} from '../project-file-columns.js';
import { dateCell, moneyCell, type Cell, type Table, type TableColumn } from '../table.js';

const SHEET: Localised = { fr: 'Projets', en: 'Projects' };

/** What every row of the cohort shares, written in each so that a row stands on its own in the import. */
export interface CohortOfProjects {
  programName: Localised;
  number: number;
  startsOn: string;
  endsOn: string;
  label: string;
  deliveryMode: DeliveryMode;
}

export interface CohortProjectsTableOptions {
  cohort: CohortOfProjects;
  /** The program's stages in position order: one date column each. */
  stages: Stage[];
  withContacts: boolean;
  lang: ExportLang;
}

/** Widths in characters of the columns before the stages' dates, then of those after them. */
const BEFORE_STAGES: [ProjectFileColumn, number][] = [
  ['name', 30],
  ['sector', 22],
  ['kind', 12],
  ['coopType', 26],
  ['region', 6],
  ['entrepreneurs', 8],
  ['advisor', 22],
  ['stage', 26],
  ['status', 10],
];
const AFTER_STAGES: [ProjectFileColumn, number][] = [
  ['daysInProgram', 8],
  ['financingGranted', 12],
  ['program', 22],
  ['cohort', 8],
  ['cohortStartsOn', 12],
  ['cohortEndsOn', 12],
  ['cohortLabel', 18],
  ['cohortDelivery', 12],
  ['advisorEmail', 30],
  ['enrolledOn', 12],
  ['statusReason', 30],
  ['statusOn', 12],
];
const CONTACTS: [ProjectFileColumn, number][] = [
  ['contacts', 30],
  ['contactEmails', 30],
];
const STAGE_DATE_WIDTH = 12;

/**
 * One row per project of the cohort, in the layout of PROJECT_FILE_COLUMNS that the import of
 * projects reads back: who they are, where they stand, the date each stage of the program was
 * reached (one column per stage), the financing granted, the program and cohort (its dates, label and delivery, so that the import can create it), the advisor's
 * e-mail, the enrolment and the status with its reason and date, and, when asked by staff, their
 * contacts.
 */
export function cohortProjectsTable(
  batches: AsyncIterable<ExportedProject[]>,
  { cohort, stages, withContacts, lang }: CohortProjectsTableOptions,
): Table {
  const column = ([key, width]: [ProjectFileColumn, number]): TableColumn => ({
    header: PROJECT_FILE_COLUMNS[key][lang],
    width,
  });
  const columns: TableColumn[] = [
    ...BEFORE_STAGES.map(column),
    ...stages.map((s) => ({ header: stageDateHeader(s, lang), width: STAGE_DATE_WIDTH })),
    ...AFTER_STAGES.map(column),
    ...(withContacts ? CONTACTS.map(column) : []),
  ];

  // The same in every row: made once.
  const programName = cohort.programName[lang];
  const startsOn = dateCell(cohort.startsOn);
  const endsOn = dateCell(cohort.endsOn);
  const delivery = labelOf(DELIVERY_LABELS, cohort.deliveryMode, lang);
  const stageCodes = stages.map((s) => s.code);

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
    ...stageCodes.map((code) => dateCell(project.stageDates[code] ?? null)),
    project.daysInProgram,
    moneyCell(project.financingGrantedCents),
    programName,
    cohort.number,
    startsOn,
    endsOn,
    cohort.label,
    delivery,
    project.advisorEmail,
    dateCell(project.enrolledOn),
    project.statusReason,
    dateCell(project.statusOn),
    ...(withContacts
      ? [
          project.contacts!.map((c) => c.name).join(CONTACT_SEPARATOR),
          project.contacts!.map((c) => c.email).join(CONTACT_SEPARATOR),
        ]
      : []),
  ];

  async function* rows(): AsyncGenerator<Cell[][]> {
    for await (const batch of batches) yield batch.map(cellsOf);
  }

  return { sheet: SHEET[lang], columns, rows: rows() };
}
