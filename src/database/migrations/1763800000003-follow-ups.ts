import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * Follow-ups: tasks, project notes, snoozes of stale alerts, check-in offsets per program, and
 * the record of every e-mail the service sends.
 */
export class FollowUps1763800000003 implements MigrationInterface {
  name = 'FollowUps1763800000003';

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
    const at = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: instant,
      ...extra,
    });

    // Plain ALTER TABLE rather than the schema builder: on SQLite the builder rebuilds a table to
    // add a column, which would cascade-delete the contacts of every project.
    // The epoch default on SQLite is only for the rows already there, set just below; the service
    // always writes the column.
    await queryRunner.query(
      isPostgres
        ? 'ALTER TABLE projects ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT now()'
        : "ALTER TABLE projects ADD COLUMN last_activity_at datetime NOT NULL DEFAULT '1970-01-01 00:00:00.000'",
    );
    await queryRunner.query(
      'UPDATE projects SET last_activity_at = COALESCE((SELECT MAX(t.recorded_at) FROM transitions t WHERE t.project_id = projects.id), created_at)',
    );
    await queryRunner.query('ALTER TABLE projects ADD COLUMN snoozed_until date NULL');
    await queryRunner.query('ALTER TABLE projects ADD COLUMN snooze_reason varchar(500) NULL');
    await queryRunner.query('ALTER TABLE projects ADD COLUMN snoozed_by_id integer NULL REFERENCES users (id)');
    await queryRunner.query(`ALTER TABLE projects ADD COLUMN snoozed_at ${instant} NULL`);

    // Days after a cohort ends when its active projects get a check-in; empty for programs without cohorts.
    await queryRunner.query(
      "ALTER TABLE programs ADD COLUMN check_in_offsets varchar(100) NOT NULL DEFAULT '30,90,180'",
    );
    await queryRunner.query(
      `UPDATE programs SET check_in_offsets = '' WHERE uses_cohorts = ${isPostgres ? 'false' : '0'}`,
    );

    await queryRunner.createTable(
      new Table({
        name: 'follow_ups',
        columns: [
          id,
          { name: 'project_id', type: 'integer' },
          { name: 'assignee_id', type: 'integer', isNullable: true },
          { name: 'due_on', type: 'date' },
          { name: 'note', type: 'text' },
          { name: 'kind', type: 'varchar', length: '20' },
          // What made the task, when the system did: `check-in:<project>:<offset>`. Unique, so that
          // a job that runs twice makes it once.
          { name: 'source_key', type: 'varchar', length: '120', isNullable: true, isUnique: true },
          { name: 'created_by_id', type: 'integer', isNullable: true },
          at('done_at', { isNullable: true }),
          { name: 'done_by_id', type: 'integer', isNullable: true },
          { name: 'outcome', type: 'text', isNullable: true },
          at('created_at', { default: now }),
          at('updated_at', { default: now }),
        ],
        foreignKeys: [
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['assignee_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['created_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['done_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [
          { name: 'ix_follow_ups_assignee_due', columnNames: ['assignee_id', 'due_on'] },
          { name: 'ix_follow_ups_project', columnNames: ['project_id'] },
        ],
      }),
    );
    // The digest reads the open tasks due by a date, advisor by advisor: a partial index holds only
    // open tasks, in the order the digest reads them.
    await queryRunner.query(
      'CREATE INDEX ix_follow_ups_open_due ON follow_ups (assignee_id, due_on, id) WHERE done_at IS NULL',
    );

    await queryRunner.createTable(
      new Table({
        name: 'project_notes',
        columns: [
          id,
          { name: 'project_id', type: 'integer' },
          { name: 'author_id', type: 'integer', isNullable: true },
          { name: 'body', type: 'text' },
          at('created_at', { default: now }),
        ],
        foreignKeys: [
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['author_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [{ name: 'ix_project_notes_project', columnNames: ['project_id', 'created_at'] }],
      }),
    );

    // No foreign keys: the record of what was sent outlives what it was about.
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id,
          { name: 'key', type: 'varchar', length: '200', isUnique: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'recipient_email', type: 'varchar', length: '254' },
          { name: 'recipient_name', type: 'varchar', length: '200' },
          { name: 'recipient_user_id', type: 'integer', isNullable: true },
          { name: 'contact_id', type: 'integer', isNullable: true },
          { name: 'project_id', type: 'integer', isNullable: true },
          { name: 'language', type: 'varchar', length: '2' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'body', type: 'text' },
          { name: 'reply_to', type: 'varchar', length: '254', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'varchar', length: '1000', isNullable: true },
          at('created_at', { default: now }),
          at('sent_at', { isNullable: true }),
          { name: 'message_id', type: 'varchar', length: '300', isNullable: true },
          at('locked_until', { isNullable: true }),
          { name: 'job_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'hand_count', type: 'integer', default: 0 },
        ],
        indices: [
          { name: 'ix_notifications_status', columnNames: ['status', 'id'] },
          { name: 'ix_notifications_recipient_user', columnNames: ['recipient_user_id'] },
          { name: 'ix_notifications_contact', columnNames: ['contact_id'] },
          { name: 'ix_notifications_created', columnNames: ['created_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_follow_ups_open_due');
    for (const table of ['notifications', 'project_notes', 'follow_ups']) await queryRunner.dropTable(table);
    const added = ['snoozed_at', 'snoozed_by_id', 'snooze_reason', 'snoozed_until', 'last_activity_at'];
    if (queryRunner.connection.driver.options.type === 'postgres') {
      for (const column of added) await queryRunner.query(`ALTER TABLE projects DROP COLUMN ${column}`);
    } else {
      // SQLite refuses to drop a column that a table-level foreign key names (as snoozed_by_id's is
      // once a later migration has rebuilt the table): the schema builder rebuilds the table
      // without it. TypeORM runs migrations with foreign keys off, so no contact is cascaded away.
      await queryRunner.dropColumns('projects', added);
    }
    await queryRunner.query('ALTER TABLE programs DROP COLUMN check_in_offsets');
  }
}
