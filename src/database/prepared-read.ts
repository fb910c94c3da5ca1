import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';

export type PreparedRead<Row> = (parameters: Record<string, unknown>) => Promise<Row[]>;

export interface PreparedReadOptions {
  /**
   * Each row as an array of its columns, in the SELECT's order, rather than an object keyed by
   * name: the drivers build no object per row, which a read of many thousand rows feels.
   */
  arrays?: boolean;
}

/**
 * A read on every request's path (the token's owner, a cohort's stored figures) as one statement
 * prepared once, without TypeORM's query runner around it: on SQLite a better-sqlite3 statement on
 * TypeORM's own connection, so it sees what any other query there sees; on PostgreSQL a named
 * statement, which each pooled connection prepares once. `:name` parameters, bound in order.
 */
export function preparedRead<Row>(
  dataSource: DataSource,
  name: string,
  sql: string,
  { arrays = false }: PreparedReadOptions = {},
): PreparedRead<Row> {
  const names = [...sql.matchAll(/:(\w+)/g)].map((match) => match[1]);
  const valuesOf = (parameters: Record<string, unknown>) => names.map((key) => parameters[key]);
  if (dataSource.options.type === 'postgres') {
    let n = 0;
    const text = sql.replace(/:(\w+)/g, () => `$${++n}`);
    return async (parameters) => {
      const pool = (dataSource.driver as unknown as { master: Pool }).master;
      const values = valuesOf(parameters);
      const result = arrays
        ? await pool.query({ name, text, values, rowMode: 'array' })
        : await pool.query({ name, text, values });
      return result.rows as Row[];
    };
  }
  let statement: Database.Statement | undefined;
  return (parameters) => {
    const connection = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    // Prepared again should TypeORM ever open another connection (a statement belongs to its own).
    if (statement?.database !== connection) {
      statement = connection.prepare(sql.replace(/:(\w+)/g, '?'));
      if (arrays) statement.raw(true);
    }
    return Promise.resolve(statement.all(...valuesOf(parameters).map(sqliteValue)) as Row[]);
  };
}

/** What TypeORM would bind on SQLite: 1 or 0 for a boolean, UTC text for an instant. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
  return value;
}
