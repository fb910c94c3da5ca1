import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The co-operatives the federation serves (most of them members), and, for a project that
 * incorporated, the co-op it became: in a year's report the two count as one intervention.
 */
export class Organizations1763800000009 implements MigrationInterface {
  name = 'Organizations1763800000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
    const instant = isPostgres ? 'timestamptz' : 'datetime';
    const now = isPostgres ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    await queryRunner.createTable(
      new Table({
        name: 'organizations',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'search_name', type: 'varchar', length: '200' },
          { name: 'coop_type', type: 'varchar', length: '20' },
          { name: 'region', type: 'varchar', length: '2' },
          { name: 'sector', type: 'varchar', length: '200' },
          { name: 'enterprise_number', type: 'varchar', length: '10', isNullable: true },
          { name: 'member_since', type: 'date', isNullable: true },
          { name: 'member_until', type: 'date', isNullable: true },
          { name: 'project_id', type: 'integer', isNullable: true },
          { name: 'demo', type: 'boolean', default: false },
          { name: 'created_at', type: instant, default: now },
          { name: 'updated_at', type: instant, default: now },
        ],
        uniques: [
          { name: 'uq_organizations_enterprise_number', columnNames: ['enterprise_number'] },
          { name: 'uq_organizations_project', columnNames: ['project_id'] },
        ],
        checks: [
          {
            name: 'ck_organizations_membership',
            expression: 'member_until IS NULL OR (member_since IS NOT NULL AND member_until >= member_since)',
          },
        ],
        foreignKeys: [{ columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'ix_organizations_search_name', columnNames: ['search_name'] },
          { name: 'ix_organizations_region', columnNames: ['region'] },
          { name: 'ix_organizations_member_since', columnNames: ['member_since'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organizations');
  }
}
