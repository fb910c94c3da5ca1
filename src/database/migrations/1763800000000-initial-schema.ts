import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * The first schema. Written with TypeORM's schema builder rather than raw SQL so one migration
 * serves SQLite and PostgreSQL; only the instant type differs between them.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
    const instant = isPostgres ? 'timestamptz' : 'datetime';
    const now = isPostgres ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };
    const text = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    });
    const at = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: instant,
      ...extra,
    });
    const stamps: TableColumnOptions[] = [at('created_at', { default: now }), at('updated_at', { default: now })];

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          text('email', 254, { isUnique: true }),
          text('name', 200),
          text('role', 20),
          text('language', 2, { default: "'fr'" }),
          text('password_hash', 255),
          { name: 'active', type: 'boolean', default: true },
          ...stamps,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'programs',
        columns: [
          text('code', 40, { isPrimary: true }),
          text('name_fr', 200),
          text('name_en', 200),
          { name: 'uses_cohorts', type: 'boolean' },
          int('position'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'stages',
        columns: [
          id,
          text('program_code', 40),
          text('code', 60),
          text('label_fr', 200),
          text('label_en', 200),
          int('position'),
          text('milestone', 30, { isNullable: true }),
          int('stale_after_days', { isNullable: true }),
        ],
        uniques: [{ name: 'uq_stages_program_code', columnNames: ['program_code', 'code'] }],
        foreignKeys: [
          { columnNames: ['program_code'], referencedTableName: 'programs', referencedColumnNames: ['code'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'cohorts',
        columns: [
          id,
          text('program_code', 40),
          int('number'),
          text('label', 200),
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date' },
          text('delivery_mode', 20),
          int('capacity', { isNullable: true }),
          ...stamps,
        ],
        uniques: [{ name: 'uq_cohorts_program_number', columnNames: ['program_code', 'number'] }],
        foreignKeys: [
          { columnNames: ['program_code'], referencedTableName: 'programs', referencedColumnNames: ['code'] },
        ],
        indices: [{ name: 'ix_cohorts_starts_on', columnNames: ['starts_on'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'projects',
        columns: [
          id,
          text('name', 200),
          text('search_name', 200),
          text('sector', 200),
          text('kind', 20),
          text('coop_type', 20),
          text('region', 2),
          int('entrepreneur_count'),
          int('advisor_id', { isNullable: true }),
          { name: 'fictitious', type: 'boolean', default: false },
          int('version', { default: 1 }),
          ...stamps,
        ],
        foreignKeys: [{ columnNames: ['advisor_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'ix_projects_advisor', columnNames: ['advisor_id'] },
          { name: 'ix_projects_search_name', columnNames: ['search_name'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'contacts',
        columns: [
          id,
          int('project_id'),
          text('name', 200),
          text('email', 254),
          text('language', 2, { default: "'fr'" }),
          at('created_at', { default: now }),
        ],
        foreignKeys: [
          {
            columnNames: ['project_id'],
            referencedTableName: 'projects',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'ix_contacts_project', columnNames: ['project_id'] },
          { name: 'ix_contacts_email', columnNames: ['email'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'enrollments',
        columns: [
          id,
          int('project_id'),
          text('program_code', 40),
          int('cohort_id', { isNullable: true }),
          text('stage_code', 60),
          text('status', 20),
          text('status_reason', 500, { isNullable: true }),
          int('version', { default: 1 }),
          at('enrolled_at'),
          at('stage_entered_at'),
          at('last_moved_at'),
          ...stamps,
        ],
        uniques: [{ name: 'uq_enrollments_project_program', columnNames: ['project_id', 'program_code'] }],
        foreignKeys: [
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['cohort_id'], referencedTableName: 'cohorts', referencedColumnNames: ['id'] },
          {
            columnNames: ['program_code', 'stage_code'],
            referencedTableName: 'stages',
            referencedColumnNames: ['program_code', 'code'],
          },
        ],
        indices: [
          { name: 'ix_enrollments_cohort', columnNames: ['cohort_id'] },
          { name: 'ix_enrollments_program_stage', columnNames: ['program_code', 'stage_code'] },
          { name: 'ix_enrollments_status', columnNames: ['status'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'transitions',
        columns: [
          id,
          int('enrollment_id'),
          int('project_id'),
          text('program_code', 40),
          text('kind', 20),
          text('from_stage', 60, { isNullable: true }),
          text('to_stage', 60),
          text('from_status', 20, { isNullable: true }),
          text('to_status', 20),
          at('occurred_at'),
          at('recorded_at'),
          int('actor_id', { isNullable: true }),
          text('source', 10),
          { name: 'note', type: 'text', isNullable: true },
          text('reason', 500, { isNullable: true }),
        ],
        foreignKeys: [
          { columnNames: ['enrollment_id'], referencedTableName: 'enrollments', referencedColumnNames: ['id'] },
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['actor_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          {
            columnNames: ['program_code', 'to_stage'],
            referencedTableName: 'stages',
            referencedColumnNames: ['program_code', 'code'],
          },
        ],
        indices: [
          { name: 'ix_transitions_enrollment_time', columnNames: ['enrollment_id', 'occurred_at', 'id'] },
          { name: 'ix_transitions_project', columnNames: ['project_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'transitions',
      'enrollments',
      'contacts',
      'projects',
      'cohorts',
      'stages',
      'programs',
      'users',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
