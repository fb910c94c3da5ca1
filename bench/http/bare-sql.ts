/**
 * How the baselines of bench/http run the service's SQL with nothing around the driver: `:name`
 * parameters bound in order, each statement prepared once (a better-sqlite3 statement; a named
 * PostgreSQL statement, which each connection prepares once), values bound as the service binds
 * them (on SQLite, an instant as UTC text, a boolean as 0 or 1, a list as JSON).
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { DateUtils } from 'typeorm/util/DateUtils.js';

export type Row = Record<string, unknown>;
export type Run = (sql: string, parameters?: Row) => Promise<Row[]>;

interface Parsed {
  names: string[];
  text: string;
}

/** `:name` (not PostgreSQL's `::cast`) in order, and the text with the driver's placeholders. */
function parser(placeholder: (n: number) => string): (sql: string) => Parsed {
  const parsed = new Map<string, Parsed>();
  return (sql) => {
    let statement = parsed.get(sql);
    if (!statement) {
      const pattern = /(?<!:):(\w+)/g;
      let n = 0;
      statement = {
        names: [...sql.matchAll(pattern)].map((match) => match[1]),
        text: sql.replace(pattern, () => placeholder(++n)),
      };
      parsed.set(sql, statement);
    }
    return statement;
  };
}

function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value) as string;
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'boolean') return Number(value);
  return value ?? null;
}

export function sqliteRun(db: Database.Database): Run {
  const parse = parser(() => '?');
  const statements = new Map<string, Database.Statement>();
  return (sql, parameters = {}) => {
    const { names, text } = parse(sql);
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(text)));
    const values = names.map((name) => sqliteValue(parameters[name]));
    if (statement.reader) return Promise.resolve(statement.all(...values) as Row[]);
    statement.run(...values);
    return Promise.resolve([]);
  };
}

/** On a pool (any of its connections) or on one connection (a transaction's). */
export function postgresRun(client: pg.Pool | pg.PoolClient): Run {
  const parse = parser((n) => `$${n}`);
  const names = new Map<string, string>();
  return async (sql, parameters = {}) => {
    const { names: keys, text } = parse(sql);
    let name = names.get(sql);
    if (!name) names.set(sql, (name = `bare-${names.size + 1}`));
    const values = keys.map((key) => parameters[key] ?? null);
    return (await client.query({ name, text, values })).rows as Row[];
  };
}
