import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Stored figures, their dirty marks (the outbox the relay hands to Bull), and once-a-day schedule runs. */
export class FiguresAndQueue1763800000002 implements MigrationInterface {
  name = 'FiguresAndQueue1763800000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';

    await queryRunner.createTable(
      new Table({
        name: 'figure_snapshots',
        columns: [
          { name: 'scope', type: 'varchar', length: '120', isPrimary: true },
          { name: 'payload', type: 'text' },
          { name: 'generation', type: 'integer' },
          { name: 'computed_at', type: instant },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'figure_dirty_marks',
        columns: [
          { name: 'scope', type: 'varchar', length: '120', isPrimary: true },
          { name: 'generation', type: 'integer' },
          { name: 'computed_generation', type: 'integer', default: 0 },
          { name: 'pending_since', type: instant },
          { name: 'handed_generation', type: 'integer', isNullable: true },
          { name: 'handed_job_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'handed_at', type: instant, isNullable: true },
          { name: 'hand_count', type: 'integer', default: 0 },
        ],
      }),
    );

    // One row per schedule and Montréal day: the database, not the scheduler, makes "once a day" true.
    await queryRunner.createTable(
      new Table({
        name: 'schedule_runs',
        columns: [
          { name: 'name', type: 'varchar', length: '60', isPrimary: true },
          { name: 'local_date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'started_at', type: instant },
        ],
      }),
    );

    // The figures read history by enrollment and stage; the year of accompaniment projects by entry date.
    await queryRunner.query('CREATE INDEX ix_enrollments_program_enrolled ON enrollments (program_code, enrolled_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_enrollments_program_enrolled');
    for (const table of ['schedule_runs', 'figure_dirty_marks', 'figure_snapshots']) await queryRunner.dropTable(table);
  }
}
