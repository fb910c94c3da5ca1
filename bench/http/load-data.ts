import type { DataSource } from 'typeorm';
import { inOneTransaction, insertRows, instantWriter } from '../support.js';

const DAY = 86_400_000;
const COHORT_SIZE = 50;
const ADVISORS = 100;
const COHORT_STAGES = ['inscription', 'formation', 'formation-completee', 'constitution', 'en-activite'];

export interface HttpBenchData {
  /** A cohort in the middle of the table, and one of its advisors. */
  cohortId: number;
  advisorId: number;
  /** Projects at the first stage of start-up accompaniment, each ready for one move. */
  movable: number[];
}

/**
 * `projects` projects with an advisor each: 80 % in cohorts of 50 (both cohort programs, every
 * stage), the rest at the first stage of start-up accompaniment, for the moves.
 */
export async function loadHttpBenchData(dataSource: DataSource, projects: number): Promise<HttpBenchData> {
  const instant = instantWriter(dataSource);
  const inCohorts = Math.floor((projects * 0.8) / COHORT_SIZE) * COHORT_SIZE;
  const cohorts = inCohorts / COHORT_SIZE;
  const movable: number[] = [];
  let firstAdvisor = 0;
  await inOneTransaction(dataSource, async (runner) => {
    [{ id: firstAdvisor }] = (await runner.query('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM users')) as {
      id: number;
    }[];
    firstAdvisor = Number(firstAdvisor);
    const users = Array.from({ length: ADVISORS }, (_, i) => [
      `advisor-${i}@bench.example`,
      `Conseillère ${i}`,
      'advisor',
      'fr',
      'not-a-hash',
      true,
    ]);
    await insertRows(runner, 'users', ['email', 'name', 'role', 'language', 'password_hash', 'active'], users);

    const cohortRows = Array.from({ length: cohorts }, (_, i) => {
      const start = Date.UTC(2001, 0, 10) + Math.floor((i * 25 * 365 * DAY) / cohorts);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      return [
        i % 2 === 0 ? 'parcours-coop' : 'parcours-transfertcoop',
        Math.floor(i / 2) + 1,
        `Cohorte ${i + 1}`,
        day(start),
        day(start + 150 * DAY),
        'remote',
      ];
    });
    await insertRows(
      runner,
      'cohorts',
      ['program_code', 'number', 'label', 'starts_on', 'ends_on', 'delivery_mode'],
      cohortRows,
    );

    const at = instant(Date.UTC(2024, 0, 15));
    const programOf = (i: number) =>
      i >= inCohorts ? 'demarrage' : Math.floor(i / COHORT_SIZE) % 2 === 0 ? 'parcours-coop' : 'parcours-transfertcoop';
    const projectRows = Array.from({ length: projects }, (_, i) => [
      i + 1,
      `Coop ${i}`,
      `coop ${i}`,
      'services',
      programOf(i) === 'parcours-transfertcoop' ? 'transfer' : 'startup',
      'worker',
      String((i % 17) + 1).padStart(2, '0'),
      3,
      firstAdvisor + (i % ADVISORS),
      false,
      1,
    ]);
    await insertRows(
      runner,
      'projects',
      [
        'id',
        'name',
        'search_name',
        'sector',
        'kind',
        'coop_type',
        'region',
        'entrepreneur_count',
        'advisor_id',
        'fictitious',
        'version',
      ],
      projectRows,
    );
    const enrollmentRows = Array.from({ length: projects }, (_, i) => {
      const cohort = Math.floor(i / COHORT_SIZE);
      if (i >= inCohorts) {
        movable.push(i + 1);
        return [i + 1, i + 1, 'demarrage', null, 'premier-contact', 'active', 1, at, at, at];
      }
      const program = programOf(i);
      let stage = COHORT_STAGES[i % COHORT_STAGES.length];
      if (stage === 'constitution' && program === 'parcours-transfertcoop') stage = 'constitution-achat';
      return [i + 1, i + 1, program, cohort + 1, stage, 'active', 1, at, at, at];
    });
    await insertRows(
      runner,
      'enrollments',
      [
        'id',
        'project_id',
        'program_code',
        'cohort_id',
        'stage_code',
        'status',
        'version',
        'enrolled_at',
        'stage_entered_at',
        'last_moved_at',
      ],
      enrollmentRows,
    );
    const transitionRows = enrollmentRows.map((e) => [
      e[0],
      e[1],
      e[2],
      'enrol',
      null,
      e[4],
      null,
      'active',
      at,
      at,
      null,
      'system',
    ]);
    await insertRows(
      runner,
      'transitions',
      [
        'enrollment_id',
        'project_id',
        'program_code',
        'kind',
        'from_stage',
        'to_stage',
        'from_status',
        'to_status',
        'occurred_at',
        'recorded_at',
        'actor_id',
        'source',
      ],
      transitionRows,
    );
  });
  if (dataSource.options.type === 'postgres') {
    // Ids were given: the sequences must move past them for the service's own inserts.
    for (const table of ['projects', 'enrollments'])
      await dataSource.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
  }
  const middle = Math.floor(cohorts / 2);
  return { cohortId: middle + 1, advisorId: firstAdvisor + 7, movable };
}
