import { MigrationInterface, QueryRunner } from 'typeorm';

type StageRow = [
  code: string,
  labelFr: string,
  labelEn: string,
  milestone: string | null,
  staleAfterDays: number | null,
];

/**
 * The four programs and their default pipelines, as the federation runs them (domain.md).
 * A snapshot on purpose: admins relabel and reorder stages afterwards through the API.
 */
const PROGRAMS: { code: string; nameFr: string; nameEn: string; usesCohorts: boolean; stages: StageRow[] }[] = [
  {
    code: 'parcours-coop',
    nameFr: 'Parcours COOP',
    nameEn: 'Parcours COOP (co-op start-up training)',
    usesCohorts: true,
    stages: [
      ['inscription', 'Inscription', 'Registration', null, 45],
      ['formation', 'Formation en cours', 'Training in progress', null, 180],
      ['formation-completee', 'Formation complétée', 'Training completed', 'training_completed', 90],
      ['constitution', 'Constitution en coopérative', 'Incorporation as a co-op', 'incorporated', 180],
      ['en-activite', 'En activité', 'Operating', 'operating', null],
    ],
  },
  {
    code: 'parcours-transfertcoop',
    nameFr: 'Parcours TransfertCOOP',
    nameEn: 'Parcours TransfertCOOP (takeover training)',
    usesCohorts: true,
    stages: [
      ['inscription', 'Inscription', 'Registration', null, 45],
      ['formation', 'Formation en cours', 'Training in progress', null, 180],
      ['formation-completee', 'Formation complétée', 'Training completed', 'training_completed', 90],
      ['constitution-achat', 'Constitution et achat', 'Incorporation and purchase', 'incorporated', 180],
      ['en-activite', 'En activité', 'Operating', 'operating', null],
    ],
  },
  {
    code: 'demarrage',
    nameFr: 'Accompagnement au démarrage',
    nameEn: 'Start-up accompaniment',
    usesCohorts: false,
    stages: [
      ['premier-contact', 'Premier contact', 'First contact', 'met', 60],
      ['accompagnement', 'Accompagnement formel', 'Formal accompaniment', 'engaged', 90],
      [
        'plan-affaires',
        "Plan d'affaires et prévisions financières",
        'Business plan and financial forecasts',
        null,
        120,
      ],
      ['montage-financier', 'Montage financier', 'Financial set-up', null, 120],
      ['constitution', 'Constitution en coopérative', 'Incorporation as a co-op', 'incorporated', 180],
      ['en-activite', 'En activité', 'Operating', 'operating', null],
    ],
  },
  {
    code: 'transfertcoop',
    nameFr: 'Accompagnement TransfertCOOP',
    nameEn: 'Transfer accompaniment',
    usesCohorts: false,
    stages: [
      ['exploration', 'Exploration', 'Exploration', 'met', 60],
      [
        'prefaisabilite',
        'Analyse de préfaisabilité, financière et organisationnelle',
        'Pre-feasibility analysis, financial and organisational',
        'engaged',
        90,
      ],
      ['plan-affaires-transfert', "Plan d'affaires de transfert", 'Transfer business plan', null, 120],
      [
        'evaluation-negociation',
        'Évaluation et négociation avec le cédant',
        'Valuation and negotiation with the seller',
        null,
        120,
      ],
      ['montage-financier', 'Montage financier', 'Financial set-up', null, 120],
      ['constitution-achat', 'Constitution et achat', 'Incorporation and purchase', 'incorporated', 180],
      ['en-activite', 'En activité', 'Operating', 'operating', null],
    ],
  },
];

export class DefaultPipelines1763800000001 implements MigrationInterface {
  name = 'DefaultPipelines1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const p = (n: number) => (queryRunner.connection.driver.options.type === 'postgres' ? `$${n}` : '?');
    for (const [index, program] of PROGRAMS.entries()) {
      await queryRunner.query(
        `INSERT INTO programs (code, name_fr, name_en, uses_cohorts, position) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
        // 1 and 0 rather than true and false: SQLite binds no booleans, PostgreSQL reads both.
        [program.code, program.nameFr, program.nameEn, program.usesCohorts ? 1 : 0, index + 1],
      );
      for (const [position, [code, labelFr, labelEn, milestone, staleAfterDays]] of program.stages.entries()) {
        await queryRunner.query(
          `INSERT INTO stages (program_code, code, label_fr, label_en, position, milestone, stale_after_days)
           VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)})`,
          [program.code, code, labelFr, labelEn, position + 1, milestone, staleAfterDays],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM stages');
    await queryRunner.query('DELETE FROM programs');
  }
}
