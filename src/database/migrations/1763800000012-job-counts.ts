import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Jobs, as funders count them: created when a project incorporates, maintained when a takeover
 * closes, and the workers of a co-op that receives advisory services. Each count is dated and
 * kept: a figure recorded again later does not erase the one before.
 */
export class JobCounts1763800000012 implements MigrationInterface {
  name = 'JobCounts1763800000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'job_counts',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'project_id', type: 'integer', isNullable: true },
          { name: 'organization_id', type: 'integer', isNullable: true },
          { name: 'jobs', type: 'integer' },
          { name: 'counted_on', type: 'date' },
          { name: 'transition_id', type: 'integer', isNullable: true },
          { name: 'recorded_by', type: 'integer' },
          { name: 'recorded_at', type: instant },
          { name: 'demo', type: 'boolean', default: false },
        ],
        checks: [
          { name: 'ck_job_counts_jobs', expression: 'jobs >= 0' },
          // Jobs created or maintained are a project's; workers, a co-op's or a project's (its team at a check-in).
          {
            name: 'ck_job_counts_target',
            expression:
              "(kind IN ('created', 'maintained') AND project_id IS NOT NULL AND organization_id IS NULL) OR " +
              "(kind = 'workers' AND (project_id IS NULL) <> (organization_id IS NULL))",
          },
        ],
        foreignKeys: [
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] },
          { columnNames: ['transition_id'], referencedTableName: 'transitions', referencedColumnNames: ['id'] },
          { columnNames: ['recorded_by'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [
          { name: 'ix_job_counts_project', columnNames: ['project_id', 'counted_on'] },
          { name: 'ix_job_counts_organization', columnNames: ['organization_id', 'counted_on'] },
          { name: 'ix_job_counts_counted_on', columnNames: ['counted_on'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_counts');
  }
}
