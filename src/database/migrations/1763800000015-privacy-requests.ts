import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Law 25: every request about a person's information (what is held, or to forget it) is recorded
 * with who asked, when and how much it touched, never the person's details, not even a hash of
 * their e-mail. And a contact may carry the purpose and the
 * date of their consent.
 */
export class PrivacyRequests1763800000015 implements MigrationInterface {
  name = 'PrivacyRequests1763800000015';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const count = (name: string) => ({ name, type: 'integer' });
    await queryRunner.createTable(
      new Table({
        name: 'privacy_requests',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer', isNullable: true },
          { name: 'kind', type: 'varchar', length: '10' },
          count('contacts'),
          count('emails'),
          count('outbox_files'),
          { name: 'created_at', type: instant },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [{ name: 'ix_privacy_requests_created', columnNames: ['created_at', 'id'] }],
      }),
    );
    // Nothing points at contacts, so SQLite's rebuild of the table for a new column loses nothing.
    await queryRunner.addColumns('contacts', [
      new TableColumn({ name: 'consent_purpose', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'consent_on', type: 'date', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('contacts', ['consent_on', 'consent_purpose']);
    await queryRunner.dropTable('privacy_requests');
  }
}
