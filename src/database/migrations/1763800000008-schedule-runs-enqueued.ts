import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Which tick claimed a schedule's day, and when it enqueued the day's job: a tick whose worker dies
 * between the two leaves a claim without `enqueued_at`, which the same tick, retried by Bull, takes
 * up again instead of losing the day. The days already recorded were enqueued.
 */
export class ScheduleRunsEnqueued1763800000008 implements MigrationInterface {
  name = 'ScheduleRunsEnqueued1763800000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    const type = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.addColumns('schedule_runs', [
      new TableColumn({ name: 'claimed_by', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'enqueued_at', type, isNullable: true }),
    ]);
    await queryRunner.query('UPDATE schedule_runs SET enqueued_at = started_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('schedule_runs', ['enqueued_at', 'claimed_by']);
  }
}
