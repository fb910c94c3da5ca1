import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The sources a project's financial set-up asks for money, as the federation's projects use them
 * (domain.md, "Financing"). A snapshot on purpose: admins relabel, add and retire sources through the API.
 */
const SOURCES: [code: string, labelFr: string, labelEn: string][] = [
  ['caisses', 'Caisses Desjardins et coopératives de crédit', 'Desjardins caisses and credit unions'],
  ['fonds-pret-patient', 'Fonds de prêt patient de la fédération', "The federation's patient-loan fund"],
  ['programmes-publics', 'Programmes publics', 'Public programs'],
  ['fonds-municipaux', 'Fonds municipaux et de MRC', 'Municipal and RCM funds'],
  ['emission-parts', 'Émission de parts aux membres', 'Share issue to members'],
  ['autre', 'Autre', 'Other'],
];

/** Funding requests of projects' financial set-ups, and the list of their sources. */
export class Financing1763800000011 implements MigrationInterface {
  name = 'Financing1763800000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
    const instant = isPostgres ? 'timestamptz' : 'datetime';
    const now = isPostgres ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const p = (n: number) => (isPostgres ? `$${n}` : '?');
    await queryRunner.createTable(
      new Table({
        name: 'financing_sources',
        columns: [
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'label_fr', type: 'varchar', length: '200' },
          { name: 'label_en', type: 'varchar', length: '200' },
          { name: 'position', type: 'integer' },
          { name: 'active', type: 'boolean', default: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'funding_requests',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'project_id', type: 'integer' },
          { name: 'source_code', type: 'varchar', length: '40' },
          { name: 'instrument', type: 'varchar', length: '20' },
          { name: 'requested_cents', type: 'integer' },
          { name: 'granted_cents', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'submitted_on', type: 'date', isNullable: true },
          { name: 'decided_on', type: 'date', isNullable: true },
          { name: 'paid_on', type: 'date', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'recorded_by_id', type: 'integer', isNullable: true },
          { name: 'demo', type: 'boolean', default: false },
          { name: 'created_at', type: instant, default: now },
          { name: 'updated_at', type: instant, default: now },
        ],
        checks: [
          {
            name: 'ck_funding_requests_amounts',
            expression:
              'requested_cents >= 0 AND (granted_cents IS NULL OR (granted_cents >= 0 AND granted_cents <= requested_cents))',
          },
        ],
        foreignKeys: [
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['source_code'], referencedTableName: 'financing_sources', referencedColumnNames: ['code'] },
          { columnNames: ['recorded_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [
          { name: 'ix_funding_requests_project', columnNames: ['project_id'] },
          { name: 'ix_funding_requests_source', columnNames: ['source_code'] },
        ],
      }),
    );
    for (const [index, [code, labelFr, labelEn]] of SOURCES.entries()) {
      await queryRunner.query(
        `INSERT INTO financing_sources (code, label_fr, label_en, position) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
        [code, labelFr, labelEn, index + 1],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('funding_requests');
    await queryRunner.dropTable('financing_sources');
  }
}
