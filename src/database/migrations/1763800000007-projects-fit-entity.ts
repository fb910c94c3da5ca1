import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** "Now" on SQLite as the other migrations write it: UTC text with milliseconds. */
const SQLITE_NOW = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";

/**
 * Makes `projects` what its entity declares, alike on both databases:
 * - `last_activity_at` defaults to now on SQLite too, as on PostgreSQL (it defaulted to the epoch
 *   there, for the rows present when the column came; the service always writes it anyway);
 * - on PostgreSQL the snoozer's foreign key, added by plain SQL, takes the name TypeORM gives it
 *   (SQLite keeps no such names).
 * On SQLite a new default rebuilds the table; TypeORM runs migrations with foreign keys off (and
 * AppDataSource makes sure an undo does too), so the contacts do not cascade away with the old one.
 */
export class ProjectsFitEntity1763800000007 implements MigrationInterface {
  name = 'ProjectsFitEntity1763800000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(
        'ALTER TABLE projects RENAME CONSTRAINT projects_snoozed_by_id_fkey TO "FK_c8e7cb9f4374e6fc62c1162aabb"',
      );
      return;
    }
    await queryRunner.changeColumn(
      'projects',
      'last_activity_at',
      new TableColumn({ name: 'last_activity_at', type: 'datetime', default: SQLITE_NOW }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(
        'ALTER TABLE projects RENAME CONSTRAINT "FK_c8e7cb9f4374e6fc62c1162aabb" TO projects_snoozed_by_id_fkey',
      );
      return;
    }
    await queryRunner.changeColumn(
      'projects',
      'last_activity_at',
      new TableColumn({ name: 'last_activity_at', type: 'datetime', default: "'1970-01-01 00:00:00.000'" }),
    );
  }
}
