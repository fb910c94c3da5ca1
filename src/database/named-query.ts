import type { EntityManager } from 'typeorm';
import { dialectOf } from './dialect.js';

/**
 * Runs hand-written SQL with :named parameters on either database: TypeORM turns the names into
 * the driver's placeholders and converts values SQLite cannot bind (dates, booleans), and spreads
 * `(:...ids)` lists into the text. Off the request path; a statement every request or every move
 * runs goes through preparedQuery (prepared-query.ts), which skips TypeORM's query runner.
 */
export function namedQuery<Row = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<Row[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query(text, values);
}

/**
 * The rows an `UPDATE ... RETURNING` gives, on either database: TypeORM answers an UPDATE on
 * PostgreSQL as `[rows, count]`, on SQLite as the rows.
 */
export async function namedUpdateReturning<Row = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<Row[]> {
  const result = await namedQuery<unknown>(manager, sql, parameters);
  return (dialectOf(manager) === 'postgres' ? result[0] : result) as Row[];
}

/** An instant from a raw row: SQLite returns "YYYY-MM-DD HH:MM:SS.SSS" in UTC, PostgreSQL a Date. */
export function instantFromRow(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}
