/** One thing wrong with a file, where a spreadsheet shows it: its row (the header is row 1) and column. */
export interface ImportProblem {
  row: number;
  /** The column's header as the file writes it; null for a problem of the whole row or file. */
  column: string | null;
  /** The cell as the file holds it (cut at 200 characters); null when no cell is at fault. */
  value: string | null;
  problem: string;
}

const SHOWN_VALUE_LENGTH = 200;

export function problemAt(row: number, column: string | null, value: string | null, problem: string): ImportProblem {
  const shown = value === null || value.length <= SHOWN_VALUE_LENGTH ? value : `${value.slice(0, SHOWN_VALUE_LENGTH)}…`;
  return { row, column, value: shown, problem };
}

/**
 * Problems are gathered rather than thrown, so that one answer lists every row to fix; past this
 * many the rest are counted, not listed (a file whose every row is wrong would answer megabytes).
 */
export const MAX_LISTED_PROBLEMS = 1000;
