import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Every file sent to the import, checked or applied, is recorded with what it did. */
export class ImportLog1763800000013 implements MigrationInterface {
  name = 'ImportLog1763800000013';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const count = (name: string) => ({ name, type: 'integer' });
    await queryRunner.createTable(
      new Table({
        name: 'import_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'filename', type: 'varchar', length: '255' },
          { name: 'dry_run', type: 'boolean' },
          { name: 'accepted', type: 'boolean' },
          count('rows'),
          count('problems'),
          count('cohorts_created'),
          count('projects_created'),
          count('projects_changed'),
          count('moves_created'),
          { name: 'created_at', type: instant },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [{ name: 'ix_import_log_created', columnNames: ['created_at', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_log');
  }
}
