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

/**
 * The text an export guarded with `neutraliseFormula`, as it was typed: an import of that file gets
 * back the name that begins with `=` or `-`, not one that begins with an apostrophe.
 */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1, 2)) ? text.slice(1) : text;
}
