// A spreadsheet runs a cell that begins with one of these as a formula (CSV injection), and some
// read a leading tab or carriage return the same way.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text people typed (a project's name, a sector) is shown, never run: when it could start a
 * formula it gets a leading apostrophe, which spreadsheets display as text.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
