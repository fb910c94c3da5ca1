import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Participants' satisfaction ratings per cohort, and the log of exports: an export can carry
 * contacts (personal information), so who took what, and when, is kept. And an index for
 * reading a cohort's enrollments in order, as exports do.
 */
export class RatingsAndExports1763800000004 implements MigrationInterface {
  name = 'RatingsAndExports1763800000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };

    await queryRunner.createTable(
      new Table({
        name: 'satisfaction_ratings',
        columns: [
          id,
          { name: 'cohort_id', type: 'integer' },
          { name: 'rating', type: 'integer' },
          { name: 'respondent', type: 'varchar', length: '200', isNullable: true },
          // Demo ratings reproduce the annual report's shares; they are not anyone's answer.
          { name: 'demo', type: 'boolean', default: false },
          { name: 'recorded_by', type: 'integer', isNullable: true },
          { name: 'recorded_at', type: instant },
        ],
        checks: [{ name: 'ck_satisfaction_ratings_rating', expression: 'rating BETWEEN 1 AND 5' }],
        foreignKeys: [
          { columnNames: ['cohort_id'], referencedTableName: 'cohorts', referencedColumnNames: ['id'] },
          { columnNames: ['recorded_by'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [{ name: 'ix_satisfaction_ratings_cohort', columnNames: ['cohort_id'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'export_log',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'target', type: 'varchar', length: '120' },
          { name: 'format', type: 'varchar', length: '10' },
          { name: 'include_contacts', type: 'boolean', default: false },
          { name: 'lang', type: 'varchar', length: '2' },
          { name: 'created_at', type: instant },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [{ name: 'ix_export_log_created', columnNames: ['created_at', 'id'] }],
      }),
    );

    // An export reads a cohort's enrollments in id order, a batch at a time: on PostgreSQL an index
    // on cohort_id alone cannot give that order (SQLite's carries the rowid already).
    await queryRunner.createIndex(
      'enrollments',
      new TableIndex({ name: 'ix_enrollments_cohort_id', columnNames: ['cohort_id', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('enrollments', 'ix_enrollments_cohort_id');
    for (const table of ['export_log', 'satisfaction_ratings']) await queryRunner.dropTable(table);
  }
}
