import type Database from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';

/**
 * Hand-written SQL on the request path (the token's owner, a move's reads and writes, stored
 * figures), run as a statement prepared once, without TypeORM's query building and query runner
 * around it, which cost more than the statements themselves.
 *
 * On SQLite, a better-sqlite3 statement on TypeORM's one connection, so it sees, and takes part in,
 * whatever transaction is open there. On PostgreSQL, a named statement, which each connection
 * prepares once: on the transaction's own connection when the manager has one, else on the pool.
 *
 * `:name` parameters; `:name` bound to an array is a list for {@link inList}. Answers the rows,
 * also for `INSERT`/`UPDATE ... RETURNING` (the same shape on both databases), and none otherwise.
 */
export async function preparedQuery<Row = Record<string, unknown>>(
  source: DataSource | EntityManager,
  sql: string,
  parameters: Record<string, unknown> = {},
  { arrays = false }: PreparedQueryOptions = {},
): Promise<Row[]> {
  const statement = parsed(sql);
  const values = statement.names.map((name) => parameters[name]);
  const dataSource = 'connection' in source ? source.connection : source;
  if (dataSource.options.type === 'postgres') {
    const runner = 'connection' in source ? source.queryRunner : undefined;
    const transactionClient = runner && !runner.isReleased ? (runner as { databaseConnection?: PoolClient }) : {};
    const client = transactionClient.databaseConnection ?? (dataSource.driver as unknown as { master: Pool }).master;
    const query = { name: statement.name, text: statement.postgres, values };
    const result = arrays ? await client.query({ ...query, rowMode: 'array' }) : await client.query(query);
    return result.rows as Row[];
  }
  const connection = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const prepared = sqliteStatement(connection, statement.sqlite, arrays);
  const bound = values.map(sqliteValue);
  if (prepared.reader) return prepared.all(...bound) as Row[];
  prepared.run(...bound);
  return [];
}

export interface PreparedQueryOptions {
  /**
   * Each row as an array of its columns, in the SELECT's order, rather than an object keyed by
   * name: the drivers build no object per row, which a read of many thousand rows feels.
   */
  arrays?: boolean;
}

/**
 * `column IN` the array bound to `:name`: a PostgreSQL array, a JSON array on SQLite. One statement
 * text for any number of values, so it is prepared once; both databases read it through an index.
 */
export function inList(source: DataSource | EntityManager, column: string, name: string): string {
  const options = 'connection' in source ? source.connection.options : source.options;
  return options.type === 'postgres'
    ? `${column} = ANY(:${name})`
    : `${column} IN (SELECT value FROM json_each(:${name}))`;
}

interface ParsedStatement {
  /** A name of its own per statement text, for PostgreSQL's prepared statements. */
  name: string;
  names: string[];
  postgres: string;
  sqlite: string;
}

const parsedStatements = new Map<string, ParsedStatement>();

function parsed(sql: string): ParsedStatement {
  let statement = parsedStatements.get(sql);
  if (!statement) {
    // A name, not a cast (`::text`): a colon that follows another is PostgreSQL's cast.
    const pattern = /(?<!:):(\w+)/g;
    const names = [...sql.matchAll(pattern)].map((match) => match[1]);
    let n = 0;
    statement = {
      name: `prepared-${parsedStatements.size + 1}`,
      names,
      postgres: sql.replace(pattern, () => `$${++n}`),
      sqlite: sql.replace(pattern, '?'),
    };
    parsedStatements.set(sql, statement);
  }
  return statement;
}

// Statements belong to their connection: prepared again should TypeORM ever open another one. A
// statement answering arrays is one of its own (better-sqlite3 sets that on the statement).
const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(connection: Database.Database, sql: string, arrays: boolean): Database.Statement {
  let statements = sqliteStatements.get(connection);
  if (!statements) sqliteStatements.set(connection, (statements = new Map<string, Database.Statement>()));
  const key = arrays ? `arrays\n${sql}` : sql;
  let statement = statements.get(key);
  if (!statement) {
    statement = connection.prepare(sql);
    if (arrays) statement.raw(true);
    statements.set(key, statement);
  }
  return statement;
}

/** What TypeORM would bind on SQLite: 1 or 0 for a boolean, UTC text for an instant; a list as JSON. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  if (value === undefined) return null;
  return value;
}
