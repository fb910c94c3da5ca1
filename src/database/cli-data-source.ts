import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { AppDataSource } from './app-data-source.js';
import { loadConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { withMigrationLock } from './migrate.js';

/**
 * The data source of `npm run migration:run | revert | show` (the TypeORM CLI, `-d` this file once
 * compiled): the database the service would use with the same environment, and the same lock as
 * its start-up, so a migration run by hand never races a process that boots.
 */
class LockedMigrationsDataSource extends AppDataSource {
  override runMigrations(options?: Parameters<DataSource['runMigrations']>[0]) {
    return withMigrationLock(this, () => super.runMigrations(options));
  }

  override undoLastMigration(options?: Parameters<DataSource['undoLastMigration']>[0]) {
    return withMigrationLock(this, () => super.undoLastMigration(options));
  }
}

export const dataSource = new LockedMigrationsDataSource(buildDataSourceOptions(loadConfig(process.env).database));
