import type { Rate } from '../figures/rate.js';

/** A rate the writer shows as a percentage: a percent cell in XLSX, "63 %" in CSV. */
export interface RateCell {
  kind: 'rate';
  rate: Rate | null;
}

/** A calendar date (YYYY-MM-DD): a date cell in XLSX, the same text in CSV. */
export interface DateCell {
  kind: 'date';
  date: string;
}

/** An amount of money in cents: dollars with two decimals, a number cell formatted 0.00 in XLSX. */
export interface MoneyCell {
  kind: 'money';
  cents: number;
}

/**
 * One cell. A string is text, possibly typed by someone, and is neutralised against formulas; a
 * number is ours and written as it is; null is an empty cell.
 */
export type Cell = string | number | null | RateCell | DateCell | MoneyCell;

export const rateCell = (rate: Rate | null): RateCell => ({ kind: 'rate', rate });
export const moneyCell = (cents: number): MoneyCell => ({ kind: 'money', cents });

/** Cents as dollars with two decimals (1250000 is 12500.00), from the integer: no float ever rounds it. */
export function dollarsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

export const dateCell = (date: string | null): DateCell | null => (date === null ? null : { kind: 'date', date });

export interface TableColumn {
  header: string;
  /** Width in characters for a sheet whose rows are streamed, so cannot be measured first. */
  width?: number;
}

/**
 * A table as the writers take it, already in the user's language. Rows are either in memory (the
 * figures) or come in batches from the database (a cohort's projects), never all at once.
 */
export interface Table {
  /** The sheet's name in XLSX. */
  sheet: string;
  /** A line above the table in CSV, when several tables follow one another. */
  title?: string;
  columns: TableColumn[];
  rows: Cell[][] | AsyncIterable<Cell[][]>;
}
