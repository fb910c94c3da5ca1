import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Who changed what: one row per create, change or deletion, written in the change's transaction. */
export class AuditEntries1763800000016 implements MigrationInterface {
  name = 'AuditEntries1763800000016';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'occurred_at', type: instant },
          { name: 'user_id', type: 'integer', isNullable: true },
          { name: 'entity', type: 'varchar', length: '30' },
          { name: 'entity_id', type: 'varchar', length: '100' },
          { name: 'project_id', type: 'integer', isNullable: true },
          { name: 'action', type: 'varchar', length: '10' },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'ix_audit_entries_entity', columnNames: ['entity', 'entity_id', 'id'] },
          { name: 'ix_audit_entries_user', columnNames: ['user_id', 'id'] },
          { name: 'ix_audit_entries_project', columnNames: ['project_id', 'id'] },
          { name: 'ix_audit_entries_occurred', columnNames: ['occurred_at', 'id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_entries');
  }
}
