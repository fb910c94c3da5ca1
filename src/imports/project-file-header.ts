import { PROJECT_FILE_COLUMNS, type ProjectFileColumn } from '../exports/project-file-columns.js';
import { problemAt, type ImportProblem } from './import-problem.js';

/** Where each column of the layout is in the file, and the stage-date columns by their stage's label. */
export interface ProjectFileHeader {
  /** The headers as the file writes them, by position. */
  names: string[];
  columns: Partial<Record<ProjectFileColumn, { index: number; header: string }>>;
  /** "Date : Formation complétée" → the label after the prefix, folded: matched to a stage of each row's program. */
  stageDates: { index: number; header: string; label: string }[];
}

/** The columns without which no row can be read. */
const REQUIRED: ProjectFileColumn[] = [
  'program',
  'name',
  'sector',
  'kind',
  'coopType',
  'region',
  'entrepreneurs',
  'enrolledOn',
];

const STAGE_DATE = /^date\s*:\s*(.+)$/i;

/** Case, accents and spacing do not tell two headers (or two labels) apart. */
export const foldLabel = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const KNOWN = new Map<string, ProjectFileColumn>(
  (Object.entries(PROJECT_FILE_COLUMNS) as [ProjectFileColumn, { fr: string; en: string }][]).flatMap(
    ([key, { fr, en }]) => [
      [foldLabel(fr), key],
      [foldLabel(en), key],
    ],
  ),
);

/**
 * Reads the header row in either language. A header the layout does not know is a problem, not a
 * column quietly left out: a typo in "Date d'inscription" would otherwise lose every row's date.
 */
export function readProjectFileHeader(headers: string[]): { header: ProjectFileHeader; problems: ImportProblem[] } {
  const header: ProjectFileHeader = { names: headers, columns: {}, stageDates: [] };
  const problems: ImportProblem[] = [];
  headers.forEach((text, index) => {
    if (text === '') return;
    const key = KNOWN.get(foldLabel(text));
    if (key) {
      if (header.columns[key]) problems.push(problemAt(1, text, text, `the column ${text} appears twice`));
      else header.columns[key] = { index, header: text };
      return;
    }
    const stageDate = STAGE_DATE.exec(text);
    if (stageDate) {
      header.stageDates.push({ index, header: text, label: foldLabel(stageDate[1]) });
      return;
    }
    problems.push(
      problemAt(1, text, text, `unknown column; the columns are listed in the README ("Importing projects")`),
    );
  });
  for (const key of REQUIRED) {
    if (!header.columns[key]) {
      const { fr, en } = PROJECT_FILE_COLUMNS[key];
      problems.push(problemAt(1, null, null, `the column ${fr} (or ${en}) is missing`));
    }
  }
  return { header, problems };
}
