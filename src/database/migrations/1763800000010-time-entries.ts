import { MigrationInterface, QueryRunner, Table } from 'typeorm';

type TypeRow = [code: string, labelFr: string, labelEn: string];

/**
 * The intervention types of the annual report (advisory services to co-ops, by family) and the
 * family of start-up and transfer accompaniment (domain.md, "Accompaniment work"). A snapshot on
 * purpose: admins relabel, reorder, add and retire types afterwards through the API.
 */
const FAMILIES: { code: string; labelFr: string; labelEn: string; serves: string; types: TypeRow[] }[] = [
  {
    code: 'gestion-collective',
    labelFr: 'Gestion collective',
    labelEn: 'Collective management',
    serves: 'organization',
    types: [
      ['fonctionnement-associatif', 'Fonctionnement associatif', 'Associative functioning'],
      ['gestion-conflits', 'Gestion de conflits', 'Conflict management'],
      ['organisation-travail', 'Organisation du travail', 'Work organisation'],
      ['relations-travail', 'Relations de travail', 'Labour relations'],
      ['revision-structure-interne', 'Révision de la structure interne', 'Review of the internal structure'],
    ],
  },
  {
    code: 'finances',
    labelFr: 'Finances',
    labelEn: 'Finance',
    serves: 'organization',
    types: [
      ['analyse-financiere', 'Analyse financière', 'Financial analysis'],
      ['emission-parts-ampli', 'Émission de parts et fonds AMPLI', 'Share issues and the AMPLI fund'],
      ['gestion-excedents', 'Gestion des excédents', 'Surplus management'],
      ['planification-financiere', 'Planification financière', 'Financial planning'],
    ],
  },
  {
    code: 'strategie',
    labelFr: 'Stratégie',
    labelEn: 'Strategy',
    serves: 'organization',
    types: [
      ['plan-marketing', 'Plan marketing', 'Marketing plan'],
      ['planification-strategique', 'Planification stratégique', 'Strategic planning'],
      ['redressement', 'Redressement', 'Turnaround'],
    ],
  },
  {
    code: 'demarrage-transfert',
    labelFr: 'Accompagnement au démarrage et au transfert',
    labelEn: 'Start-up and transfer accompaniment',
    serves: 'project',
    types: [
      ['premieres-rencontres', 'Premières rencontres', 'First meetings'],
      ['analyse-prefaisabilite', 'Analyse de préfaisabilité', 'Pre-feasibility analysis'],
      ['plan-affaires', "Plan d'affaires", 'Business plan'],
      ['montage-financier', 'Montage financier', 'Financial set-up'],
      ['constitution', 'Constitution', 'Incorporation'],
    ],
  },
];

/** The managed list of intervention types, and the hours advisors record against it. */
export class TimeEntries1763800000010 implements MigrationInterface {
  name = 'TimeEntries1763800000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
    const instant = isPostgres ? 'timestamptz' : 'datetime';
    const now = isPostgres ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const p = (n: number) => (isPostgres ? `$${n}` : '?');
    await queryRunner.createTable(
      new Table({
        name: 'intervention_families',
        columns: [
          { name: 'code', type: 'varchar', length: '60', isPrimary: true },
          { name: 'label_fr', type: 'varchar', length: '200' },
          { name: 'label_en', type: 'varchar', length: '200' },
          { name: 'position', type: 'integer' },
          { name: 'serves', type: 'varchar', length: '20' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'intervention_types',
        columns: [
          { name: 'code', type: 'varchar', length: '60', isPrimary: true },
          { name: 'family_code', type: 'varchar', length: '60' },
          { name: 'label_fr', type: 'varchar', length: '200' },
          { name: 'label_en', type: 'varchar', length: '200' },
          { name: 'position', type: 'integer' },
          { name: 'active', type: 'boolean', default: true },
        ],
        foreignKeys: [
          {
            columnNames: ['family_code'],
            referencedTableName: 'intervention_families',
            referencedColumnNames: ['code'],
          },
        ],
        indices: [{ name: 'ix_intervention_types_family', columnNames: ['family_code'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'time_entries',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'advisor_id', type: 'integer' },
          { name: 'project_id', type: 'integer', isNullable: true },
          { name: 'organization_id', type: 'integer', isNullable: true },
          { name: 'worked_on', type: 'date' },
          { name: 'quarter_hours', type: 'integer' },
          { name: 'intervention_type_code', type: 'varchar', length: '60' },
          { name: 'note', type: 'varchar', length: '2000', isNullable: true },
          { name: 'demo', type: 'boolean', default: false },
          { name: 'created_at', type: instant, default: now },
          { name: 'updated_at', type: instant, default: now },
        ],
        checks: [
          {
            name: 'ck_time_entries_one_target',
            expression:
              '(project_id IS NULL AND organization_id IS NOT NULL) OR (project_id IS NOT NULL AND organization_id IS NULL)',
          },
          { name: 'ck_time_entries_quarter_hours', expression: 'quarter_hours > 0 AND quarter_hours <= 96' },
        ],
        foreignKeys: [
          { columnNames: ['advisor_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] },
          { columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] },
          {
            columnNames: ['intervention_type_code'],
            referencedTableName: 'intervention_types',
            referencedColumnNames: ['code'],
          },
        ],
        indices: [
          // An advisor's day: the 24-hour rule sums it on every write.
          { name: 'ix_time_entries_advisor_day', columnNames: ['advisor_id', 'worked_on'] },
          // A reporting year's entries, summed by the reports.
          { name: 'ix_time_entries_worked_on', columnNames: ['worked_on'] },
          { name: 'ix_time_entries_project', columnNames: ['project_id', 'worked_on'] },
          { name: 'ix_time_entries_organization', columnNames: ['organization_id', 'worked_on'] },
          // Whether a type is in use, before an admin deletes it.
          { name: 'ix_time_entries_type', columnNames: ['intervention_type_code'] },
        ],
      }),
    );
    for (const [index, family] of FAMILIES.entries()) {
      await queryRunner.query(
        `INSERT INTO intervention_families (code, label_fr, label_en, position, serves)
         VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
        [family.code, family.labelFr, family.labelEn, index + 1, family.serves],
      );
      for (const [position, [code, labelFr, labelEn]] of family.types.entries()) {
        await queryRunner.query(
          `INSERT INTO intervention_types (family_code, code, label_fr, label_en, position)
           VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
          [family.code, code, labelFr, labelEn, position + 1],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('time_entries');
    await queryRunner.dropTable('intervention_types');
    await queryRunner.dropTable('intervention_families');
  }
}
