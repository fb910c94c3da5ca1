import { DateTime } from 'luxon';
import { DELIVERY_MODES, type DeliveryMode } from '../cohorts/cohort.entity.js';
import { DATE_RANGE_TEXT, isDateInRange } from '../common/validators.js';
import { CONTACT_SEPARATOR, type ProjectFileColumn } from '../exports/project-file-columns.js';
import { COOP_TYPE_LABELS, DELIVERY_LABELS, KIND_LABELS, STATUS_LABELS } from '../exports/labels.js';
import { restoreFormulaText } from '../exports/spreadsheet-text.js';
import type { Localised } from '../exports/export-format.js';
import type { ProgramWithStages } from '../programs/programs.service.js';
import type { Stage } from '../programs/stage.entity.js';
import type { EnrollmentStatus } from '../projects/enrollment.entity.js';
import { REGIONS, type CoopType, type ProjectKind } from '../projects/project.entity.js';
import { problemAt, type ImportProblem } from './import-problem.js';
import { foldLabel, type ProjectFileHeader } from './project-file-header.js';

/** One row of a file of projects, read and checked on its own (what it says of the database comes later). */
export interface ImportRow {
  row: number;
  projectId: number | null;
  program: ProgramWithStages;
  cohortNumber: number | null;
  cohortStartsOn: string | null;
  cohortEndsOn: string | null;
  cohortLabel: string | null;
  cohortDelivery: DeliveryMode | null;
  name: string;
  sector: string;
  kind: ProjectKind;
  coopType: CoopType;
  region: string;
  entrepreneurs: number;
  advisorEmail: string | null;
  enrolledOn: string;
  /** The day the project reached each stage the file dates, in the program's order. */
  stageDates: { stage: Stage; date: string; column: string }[];
  status: EnrollmentStatus;
  statusReason: string | null;
  statusOn: string | null;
  contacts: { name: string; email: string }[];
}

const MAX_NAME = 200;
const MAX_REASON = 500;
const MAX_CONTACTS = 50;
const MAX_ENTREPRENEURS = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** What a spreadsheet would run; "-" is left out: it starts numbers and names ("-5 % de rabais"). */
const STARTS_FORMULA = /^[=+@]/;

/** A code, or its label in either language, to the code. */
function codeLookup<K extends string>(labels: Record<K, Localised>): Map<string, K> {
  return new Map(
    (Object.entries(labels) as [K, Localised][]).flatMap(([code, { fr, en }]) => [
      [foldLabel(code), code],
      [foldLabel(fr), code],
      [foldLabel(en), code],
    ]),
  );
}

const KINDS = codeLookup(KIND_LABELS);
const COOP_TYPES = codeLookup(COOP_TYPE_LABELS);
const STATUSES = codeLookup(STATUS_LABELS);
const DELIVERIES = codeLookup(DELIVERY_LABELS);

/** Programs by code and by name in either language. */
export function programLookup(programs: ProgramWithStages[]): Map<string, ProgramWithStages> {
  return new Map(
    programs.flatMap((p) => [
      [foldLabel(p.code), p],
      [foldLabel(p.nameFr), p],
      [foldLabel(p.nameEn), p],
    ]),
  );
}

/**
 * Reads one row: every cell checked as the API checks the same field, every problem named by its
 * row and column. Answers the row only when it has none.
 */
export function readProjectRow(
  row: number,
  fileCells: string[],
  header: ProjectFileHeader,
  programs: Map<string, ProgramWithStages>,
): { value: ImportRow | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const cells = fileCells.map((text, index) => {
    if (STARTS_FORMULA.test(text))
      problems.push(
        problemAt(
          row,
          header.names[index] ?? null,
          text,
          'starts like a formula (=, + or @): the import takes values only; to keep it as text, begin it with an apostrophe',
        ),
      );
    return restoreFormulaText(text);
  });
  const cellOf = (key: ProjectFileColumn) => {
    const column = header.columns[key];
    return column ? { text: cells[column.index] ?? '', header: column.header } : { text: '', header: null };
  };
  const fail = (key: ProjectFileColumn, problem: string) => {
    const { text, header } = cellOf(key);
    problems.push(problemAt(row, header, text, problem));
    return null;
  };
  const required = (key: ProjectFileColumn, max = MAX_NAME): string | null => {
    const { text } = cellOf(key);
    if (text === '') return fail(key, 'is empty');
    if (text.length > max) return fail(key, `is longer than ${max} characters`);
    return text;
  };
  const optional = (key: ProjectFileColumn): string | null => cellOf(key).text || null;
  const date = (key: ProjectFileColumn): string | null => {
    const text = optional(key);
    return text === null ? null : checkedDate(text, (problem) => fail(key, problem));
  };
  const lookup = <K>(key: ProjectFileColumn, values: Map<string, K>, what: string): K | null => {
    const text = required(key);
    if (text === null) return null;
    return values.get(foldLabel(text)) ?? fail(key, `is not ${what}`);
  };

  const program = lookup(
    'program',
    programs,
    `a program (${[...new Set(programs.values())].map((p) => p.code).join(', ')})`,
  );
  const projectIdText = optional('projectId');
  const projectId = projectIdText === null ? null : wholeNumber(projectIdText, 1, 2_147_483_647);
  if (projectIdText !== null && projectId === null) fail('projectId', 'is not a project number');

  const cohortText = optional('cohort');
  const cohortNumber = cohortText === null ? null : wholeNumber(cohortText, 1, 100_000);
  if (cohortText !== null && cohortNumber === null) fail('cohort', 'is not a cohort number');
  if (program && program.usesCohorts && cohortText === null)
    fail('cohort', `is empty; ${program.code} enrols projects in cohorts`);
  if (program && !program.usesCohorts && cohortText !== null)
    fail('cohort', `${program.code} has no cohorts: leave it empty`);
  const deliveryText = optional('cohortDelivery');
  const cohortDelivery = deliveryText === null ? null : (DELIVERIES.get(foldLabel(deliveryText)) ?? null);
  if (deliveryText !== null && cohortDelivery === null)
    fail('cohortDelivery', `is not a delivery mode (${DELIVERY_MODES.join(', ')})`);
  const cohortLabel = optional('cohortLabel');
  if (cohortLabel !== null && cohortLabel.length > MAX_NAME)
    fail('cohortLabel', `is longer than ${MAX_NAME} characters`);

  const name = required('name');
  const sector = required('sector');
  const kind = lookup('kind', KINDS, 'a kind of project (startup, transfer)');
  const coopType = lookup('coopType', COOP_TYPES, 'a type of co-op (worker, producer, solidarity)');
  const regionText = required('region');
  const region =
    regionText === null
      ? null
      : (REGIONS.find((r) => Number(r) === Number(regionText) && /^\d{1,2}$/.test(regionText)) ?? null);
  if (regionText !== null && region === null) fail('region', 'is not a Québec administrative region from 01 to 17');
  const entrepreneursText = required('entrepreneurs');
  const entrepreneurs = entrepreneursText === null ? null : wholeNumber(entrepreneursText, 1, MAX_ENTREPRENEURS);
  if (entrepreneursText !== null && entrepreneurs === null)
    fail('entrepreneurs', `is not a whole number from 1 to ${MAX_ENTREPRENEURS}`);

  const advisorEmail = optional('advisorEmail')?.toLowerCase() ?? null;
  if (advisorEmail !== null && !EMAIL.test(advisorEmail)) fail('advisorEmail', 'is not an e-mail address');

  const enrolledOn = cellOf('enrolledOn').text === '' ? fail('enrolledOn', 'is empty') : date('enrolledOn');
  const statusText = optional('status');
  const status: EnrollmentStatus | null =
    statusText === null ? 'active' : (STATUSES.get(foldLabel(statusText)) ?? null);
  if (status === null) fail('status', 'is not a status (active, on_hold, abandoned)');
  const statusReason = optional('statusReason');
  const statusOn = date('statusOn');
  if (status === 'active' && (statusReason !== null || statusOn !== null))
    fail(
      statusReason !== null ? 'statusReason' : 'statusOn',
      'is for a project abandoned or on hold; its status is active',
    );
  if (status !== null && status !== 'active') {
    if (statusReason === null) fail('statusReason', `is empty; a project ${status} needs the reason`);
    else if (statusReason.length > MAX_REASON) fail('statusReason', `is longer than ${MAX_REASON} characters`);
    if (statusOn === null && cellOf('statusOn').text === '')
      fail('statusOn', `is empty; a project ${status} needs the date`);
  }

  const stageDates = program ? readStageDates(row, cells, header, program, problems) : [];
  const contacts = readContacts(row, cellOf('contacts'), cellOf('contactEmails'), problems);

  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      row,
      projectId,
      program: program!,
      cohortNumber,
      cohortStartsOn: date('cohortStartsOn'),
      cohortEndsOn: date('cohortEndsOn'),
      cohortLabel,
      cohortDelivery,
      name: name!,
      sector: sector!,
      kind: kind!,
      coopType: coopType!,
      region: region!,
      entrepreneurs: entrepreneurs!,
      advisorEmail,
      enrolledOn: enrolledOn!,
      stageDates,
      status: status!,
      statusReason: status === 'active' ? null : statusReason,
      statusOn,
      contacts,
    },
    problems,
  };
}

/** A calendar date written YYYY-MM-DD, as every date of the API. */
function checkedDate(text: string, fail: (problem: string) => null): string | null {
  if (!DATE_ONLY.test(text)) return fail('is not a date written YYYY-MM-DD');
  if (!DateTime.fromISO(text).isValid) return fail('is not a date that exists');
  if (!isDateInRange(text)) return fail(`is not ${DATE_RANGE_TEXT}`);
  return text;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The dated stages of the row's program; a date column of another program's stage is left to its rows. */
function readStageDates(
  row: number,
  cells: string[],
  header: ProjectFileHeader,
  program: ProgramWithStages,
  problems: ImportProblem[],
): ImportRow['stageDates'] {
  const dates: ImportRow['stageDates'] = [];
  for (const column of header.stageDates) {
    const text = cells[column.index] ?? '';
    const stage = program.stages.find(
      (s) =>
        foldLabel(s.labelFr) === column.label ||
        foldLabel(s.labelEn) === column.label ||
        foldLabel(s.code) === column.label,
    );
    if (!stage) {
      if (text !== '')
        problems.push(
          problemAt(row, column.header, text, `${program.code} has no such stage; leave it empty for its projects`),
        );
      continue;
    }
    if (text === '') continue;
    const date = checkedDate(text, (problem) => {
      problems.push(problemAt(row, column.header, text, problem));
      return null;
    });
    if (date !== null) {
      if (dates.some((d) => d.stage.code === stage.code))
        problems.push(problemAt(row, column.header, text, `a second date for the stage ${stage.code}`));
      else dates.push({ stage, date, column: column.header });
    }
  }
  return dates.sort((a, b) => a.stage.position - b.stage.position);
}

/** Names and e-mails in two cells, in the same order. */
function readContacts(
  row: number,
  names: { text: string; header: string | null },
  emails: { text: string; header: string | null },
  problems: ImportProblem[],
): ImportRow['contacts'] {
  const split = (text: string) => (text === '' ? [] : text.split(CONTACT_SEPARATOR.trim()).map((part) => part.trim()));
  const nameList = split(names.text);
  const emailList = split(emails.text).map((e) => e.toLowerCase());
  if (nameList.length !== emailList.length) {
    problems.push(
      problemAt(
        row,
        emails.header ?? names.header,
        emails.text || names.text,
        `${nameList.length} contact names but ${emailList.length} e-mails`,
      ),
    );
    return [];
  }
  if (nameList.length > MAX_CONTACTS) {
    problems.push(problemAt(row, names.header, names.text, `more than ${MAX_CONTACTS} contacts`));
    return [];
  }
  const contacts = nameList.map((name, i) => ({ name, email: emailList[i] }));
  for (const contact of contacts) {
    if (contact.name === '' || contact.name.length > MAX_NAME)
      problems.push(
        problemAt(row, names.header, contact.name, `a contact's name must have 1 to ${MAX_NAME} characters`),
      );
    if (!EMAIL.test(contact.email) || contact.email.length > 254)
      problems.push(problemAt(row, emails.header, contact.email, 'is not an e-mail address'));
  }
  return contacts;
}
