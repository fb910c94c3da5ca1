import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Accounts people manage themselves: a token version per user (bumped when the password changes,
 * so every token issued before stops working), the ids of signed-out tokens until they expire,
 * and the password reset an admin starts (only the token's hash is kept).
 */
export class Accounts1763800000006 implements MigrationInterface {
  name = 'Accounts1763800000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';

    // Plain SQL both databases read alike: the schema builder's addColumn rebuilds the table on
    // SQLite, which the foreign keys that point at users would refuse.
    await queryRunner.query('ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0');

    await queryRunner.createTable(
      new Table({
        name: 'signed_out_tokens',
        columns: [
          { name: 'jti', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'expires_at', type: instant },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ name: 'ix_signed_out_tokens_expires', columnNames: ['expires_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          // One reset per user at a time: a new one replaces the one before.
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'expires_at', type: instant },
          { name: 'used_at', type: instant, isNullable: true },
          { name: 'created_at', type: instant },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_resets');
    await queryRunner.dropTable('signed_out_tokens');
    await queryRunner.query('ALTER TABLE users DROP COLUMN token_version');
  }
}
