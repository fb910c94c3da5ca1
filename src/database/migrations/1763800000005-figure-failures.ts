import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Figure scopes whose recompute fails: why, since when, how many attempts, and whether it failed
 * for good at a generation (the relay then leaves the scope alone until a newer change).
 */
export class FigureFailures1763800000005 implements MigrationInterface {
  name = 'FigureFailures1763800000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';

    await queryRunner.createTable(
      new Table({
        name: 'figure_failures',
        columns: [
          { name: 'scope', type: 'varchar', length: '120', isPrimary: true },
          { name: 'error', type: 'text' },
          { name: 'failing_since', type: instant },
          { name: 'last_failed_at', type: instant },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'failed_generation', type: 'integer', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('figure_failures');
  }
}
