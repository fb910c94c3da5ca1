import type { EntityManager } from 'typeorm';

/**
 * Runs hand-written SQL with :named parameters on either database: TypeORM turns the names into
 * the driver's placeholders and converts values SQLite cannot bind (dates, booleans).
 */
export function namedQuery<Row = Record<string, unknown>>(manager: EntityManager, sql: string, parameters: Record<string, unknown> = {}): Promise<Row[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query(text, values);
}
