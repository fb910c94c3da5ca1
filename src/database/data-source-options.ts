import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export function buildDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Each migration in its own transaction, at start-up and from the CLI alike.
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Failed queries are not logged here: expected ones (a unique race) become 409s, and the
    // error filter logs anything unexpected without the parameters, which may hold personal data.
    logging: false,
  };
  if (database.kind === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      prepareDatabase: (db: Database.Database) => {
        // WAL lets readers (another process, an export) work while one transaction writes.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: database.url,
    schema: database.schema,
    extra: {
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}),
    },
  };
}
