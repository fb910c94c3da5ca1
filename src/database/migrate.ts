import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same in every process of this service.
const MIGRATION_LOCK_KEY = 7_261_002;

/**
 * Applies pending migrations. On PostgreSQL several api and worker processes may boot at once:
 * an advisory lock lets one migrate while the others wait, then find nothing left to do.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const schema = dataSource.options.schema;
    if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
