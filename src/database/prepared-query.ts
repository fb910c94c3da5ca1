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
): Promise<Row[]> {
  const statement = parsed(sql);
  const values = statement.names.map((name) => parameters[name]);
  const dataSource = 'connection' in source ? source.connection : source;
  if (dataSource.options.type === 'postgres') {
    const runner = 'connection' in source ? source.queryRunner : undefined;
    const transactionClient = runner && !runner.isReleased ? (runner as { databaseConnection?: PoolClient }) : {};
    const client = transactionClient.databaseConnection ?? (dataSource.driver as unknown as { master: Pool }).master;
    const result = await client.query({ name: statement.name, text: statement.postgres, values });
    return result.rows as Row[];
  }
  const connection = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const prepared = sqliteStatement(connection, statement.sqlite);
  const bound = values.map(sqliteValue);
  if (prepared.reader) return prepared.all(...bound) as Row[];
  prepared.run(...bound);
  return [];
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

// Statements belong to their connection: prepared again should TypeORM ever open another one.
const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(connection: Database.Database, sql: string): Database.Statement {
  let statements = sqliteStatements.get(connection);
  if (!statements) sqliteStatements.set(connection, (statements = new Map<string, Database.Statement>()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
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
