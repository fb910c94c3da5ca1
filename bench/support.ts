import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, type QueryRunner } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import { createApp, type CreateAppOptions } from '../src/app.factory.js';
import { TransactionRunner } from '../src/database/transaction-runner.js';
import { namedQuery } from '../src/database/named-query.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';

export const BENCH_ADMIN = { email: 'bench-admin@bench.example', password: 'bench-password-123' };

/**
 * Starts the real application for a benchmark: on the SQLite file BENCH_DB (a new file in the
 * temporary folder by default) or on the PostgreSQL that DATABASE_URL names, in a schema of its own.
 * `engine` names the database for the bench's first line.
 */
export async function startBenchApp(
  name: string,
  env: Record<string, string> = {},
  appOptions: CreateAppOptions = {},
): Promise<{
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  isPostgres: boolean;
  engine: 'PostgreSQL' | 'SQLite';
  cleanup: () => Promise<void>;
}> {
  const isPostgres = (process.env.DATABASE_URL ?? '').startsWith('postgres');
  const sqlitePath = process.env.BENCH_DB ?? join(tmpdir(), `coop-bench-${name}-${process.pid}.sqlite`);
  const schema = `bench_${name.replace(/\W/g, '_')}_${process.pid}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: isPostgres ? process.env.DATABASE_URL! : `sqlite:${sqlitePath}`,
    DATABASE_SCHEMA: isPostgres ? schema : '',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    QUEUE_PREFIX: `bench_${process.pid}`,
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '100000',
    ...env,
  });
  const app = await createApp(config, { logger: ['error', 'warn'], ...appOptions });
  const dataSource = app.get(DataSource);
  const cleanup = async () => {
    if (isPostgres) await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await app.close();
    if (!isPostgres && !process.env.BENCH_DB)
      for (const f of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(f, { force: true });
  };
  return { app, config, dataSource, isPostgres, engine: isPostgres ? 'PostgreSQL' : 'SQLite', cleanup };
}

/** Listens on a free loopback port and signs the bench admin in: the base URL and their access token. */
export async function listenAndSignIn(app: NestFastifyApplication): Promise<{ base: string; accessToken: string }> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { base, accessToken };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export const median = (values: number[]) => percentile(values, 50);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

/** Inserts rows in multi-row statements, under the drivers' limits on bound parameters. */
export async function insertRows(runner: QueryRunner, table: string, columns: string[], rows: unknown[][]) {
  const isPostgres = runner.connection.options.type === 'postgres';
  const perStatement = Math.floor(30_000 / columns.length);
  for (let offset = 0; offset < rows.length; offset += perStatement) {
    const chunk = rows.slice(offset, offset + perStatement);
    let n = 0;
    const values = chunk.map(() => `(${columns.map(() => (isPostgres ? `$${++n}` : '?')).join(', ')})`).join(', ');
    await runner.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}

/** The lines of the database's plan for a query written with :named parameters. */
export async function queryPlan(dataSource: DataSource, sql: string, parameters: Record<string, unknown>) {
  const isPostgres = dataSource.options.type === 'postgres';
  const plan = await namedQuery<{ 'QUERY PLAN'?: string; detail?: string }>(
    dataSource.manager,
    `${isPostgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`,
    parameters,
  );
  return plan.map((row) => (isPostgres ? row['QUERY PLAN'] : row.detail));
}

/** An instant as the driver stores it: a Date for PostgreSQL, UTC text for SQLite. */
export function instantWriter(dataSource: DataSource): (ms: number) => Date | string {
  return dataSource.options.type === 'postgres'
    ? (ms) => new Date(ms)
    : (ms) => DateUtils.mixedDateToUtcDatetimeString(new Date(ms)) as string;
}

/** Runs a loader's inserts in one transaction, rolled back if it fails. */
export async function inOneTransaction(
  dataSource: DataSource,
  load: (runner: QueryRunner) => Promise<void>,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await load(runner);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Calls `observe` with the time spent inside each transaction the service runs from now on: on
 * SQLite, how long other writes waited behind it.
 */
export function onEveryTransaction(app: NestFastifyApplication, observe: (ms: number) => void): void {
  const runner = app.get(TransactionRunner);
  const run = runner.run.bind(runner);
  runner.run = (work) =>
    run(async (manager) => {
      const began = performance.now();
      try {
        return await work(manager);
      } finally {
        observe(performance.now() - began);
      }
    });
}

/** Runs a benchmark's main and exits with its outcome (the app's timers would keep the process alive). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
