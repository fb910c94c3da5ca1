import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same in every process of this service.
const MIGRATION_LOCK_KEY = 7_261_002;

/**
 * Runs `work` while this process holds the migration lock. On PostgreSQL several api and worker
 * processes may boot at once, and an operator may run `npm run migration:run` beside them: an
 * advisory lock lets one migrate while the others wait, then find nothing left to do. SQLite
 * serialises writers itself.
 */
export async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const schema = dataSource.options.schema;
    if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction, under the migration lock. */
export async function migrate(dataSource: DataSource): Promise<void> {
  await withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
}
