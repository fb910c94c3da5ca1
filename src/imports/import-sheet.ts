/** One line of data: `row` is the number a spreadsheet shows beside it (the header is usually row 1). */
export interface SheetRecord {
  row: number;
  cells: string[];
}

/** A file's header and its records, read one at a time as the caller asks for them. */
export interface ImportSheet {
  headers: string[];
  records: AsyncIterable<SheetRecord>;
}

/** Why a file cannot be read, with the row and the column (its header) where that is known. */
export class ImportFileProblem extends Error {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'ImportFileProblem';
  }
}

/** Characters a cell may hold: far more than any field of a project, far less than a pasted document. */
export const MAX_CELL_LENGTH = 5000;

/** A column's name in a problem: its header, or its letter when the header is blank or missing. */
export function columnName(headers: readonly string[], index: number): string {
  return headers[index] || columnLetter(index);
}

/** The spreadsheet letters of a column counted from 0: A, B, …, Z, AA, … */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export const cellTooLong = (row: number, column: string) =>
  new ImportFileProblem(
    `row ${row}, column "${column}": the cell is longer than ${MAX_CELL_LENGTH} characters`,
    row,
    column,
  );

export const nulCharacter = (row: number, column?: string) =>
  new ImportFileProblem(`row ${row} holds a NUL character: the file seems to be binary data, not text`, row, column);

/**
 * A cell as the caller sees it: without the spaces around it. The apostrophe an export puts before
 * text a spreadsheet would run as a formula stays: the caller tells a guarded formula from an
 * unguarded one before it removes it (restoreFormulaText).
 */
export function cellText(raw: string, row: number, column: string): string {
  if (raw.length > MAX_CELL_LENGTH) throw cellTooLong(row, column);
  if (raw.includes('\u0000')) throw nulCharacter(row, column);
  return raw.trim();
}

/**
 * The header's names, trimmed, up to the last one that is not blank (a spreadsheet often saves a
 * few empty columns after it). Two columns with the same name (whatever the case) are refused:
 * the caller could not tell which one a value belongs to.
 */
export function headerNames(cells: readonly string[], row: number): string[] {
  const names = cells.map((cell, i) => cellText(cell.replace(/^\uFEFF/, ''), row, columnLetter(i)));
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') return;
    const key = name.toLocaleLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      throw new ImportFileProblem(
        `the header "${name}" appears twice (columns ${columnLetter(first)} and ${columnLetter(i)})`,
        row,
        name,
      );
    seen.set(key, i);
  });
  return names;
}

/**
 * A record's cells cut or padded to the header's width. Cells past the header may only be blank:
 * a value there belongs to no column, and dropping it silently would lose what the person typed.
 */
export function fittedCells(cells: string[], headers: readonly string[], row: number): string[] {
  let width = cells.length;
  while (width > headers.length && cells[width - 1] === '') width--;
  if (width > headers.length)
    throw new ImportFileProblem(`row ${row} has ${width} cells, the header has ${headers.length}`, row);
  const fitted = cells.slice(0, headers.length);
  while (fitted.length < headers.length) fitted.push('');
  return fitted;
}

export const isBlank = (cells: readonly string[]) => cells.every((cell) => cell === '');
