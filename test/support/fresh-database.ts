import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * A database of its own for one test: a new SQLite file, or a new schema in the PostgreSQL that
 * DATABASE_URL names. `env` goes to loadConfig; `drop` removes what the test left.
 */
export function freshDatabase() {
  const suffix = randomBytes(5).toString('hex');
  const base = process.env.DATABASE_URL ?? '';
  const isPostgres = base.startsWith('postgres');
  const sqlitePath = join(tmpdir(), `coop-test-${suffix}.sqlite`);
  const schema = `test_${suffix}`;
  return {
    suffix,
    isPostgres,
    env: { DATABASE_URL: isPostgres ? base : `sqlite:${sqlitePath}`, DATABASE_SCHEMA: isPostgres ? schema : '' },
    /** Called with a data source still open on that database (PostgreSQL drops the schema through it). */
    drop: async (dataSource: DataSource) => {
      if (isPostgres) await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
    /** Called once every connection to it is closed (SQLite removes the file). */
    removeFiles: () => {
      if (!isPostgres)
        for (const file of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    },
  };
}
