import { DataSource } from 'typeorm';

/** "Now" as the migrations wrote it on SQLite: UTC text with milliseconds, as the service stores instants. */
const SQLITE_NOW = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";

/**
 * The service's data source. The migrations spell a few things per database, which a decorator
 * cannot: an instant is `timestamptz` on PostgreSQL and `datetime` text on SQLite, "now" (a
 * creation stamp's default, or `default: () => 'now()'`) is SQLite's "now" with milliseconds, and
 * a boolean default is `true`/`false` on SQLite where TypeORM would write 1/0. The entities say
 * `Date`, `now()` and `default: true`; the
 * metadata is fitted here, once built, to what the migrations made, so that TypeORM compares the
 * entities with the database like for like (test/migrations.e2e-spec.ts checks it does).
 */
export class AppDataSource extends DataSource {
  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    const isPostgres = this.options.type === 'postgres';
    for (const entity of this.entityMetadatas)
      for (const column of entity.columns) {
        if (isPostgres) {
          if (column.type === Date || column.type === 'timestamp') column.type = 'timestamptz';
          continue;
        }
        const defaultsToNow = typeof column.default === 'function' && column.default() === 'now()';
        if (column.isCreateDate || column.isUpdateDate || defaultsToNow) column.default = () => SQLITE_NOW;
        else if (typeof column.default === 'boolean') {
          const literal = String(column.default);
          column.default = () => literal;
        }
      }
  }

  /**
   * TypeORM turns SQLite's foreign keys off while migrations run, so that a migration that rebuilds
   * a table does not cascade-delete the rows pointing at it; but for an undo it does so only once
   * its transaction has begun, where SQLite ignores the pragma. Turned off here, before.
   */
  override async undoLastMigration(options?: Parameters<DataSource['undoLastMigration']>[0]): Promise<void> {
    if (this.options.type === 'postgres') return super.undoLastMigration(options);
    await this.query('PRAGMA foreign_keys = OFF');
    try {
      await super.undoLastMigration(options);
    } finally {
      await this.query('PRAGMA foreign_keys = ON');
    }
  }
}
