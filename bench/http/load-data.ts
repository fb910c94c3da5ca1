import type { DataSource } from 'typeorm';
import { inOneTransaction, instantWriter } from '../support.js';
import {
  cohortRecord,
  enrollmentRecord,
  insertAdvisors,
  insertRecords,
  ProjectHistoryBatch,
  projectRecord,
  transitionRecord,
} from '../support/records.js';

const DAY = 86_400_000;
const COHORT_SIZE = 50;
const ADVISORS = 100;
const COHORT_STAGES = ['inscription', 'formation', 'formation-completee', 'constitution', 'en-activite'];

export interface HttpBenchData {
  /** A cohort in the middle of the table, and one of the advisors. */
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
  const at = instantWriter(dataSource)(Date.UTC(2024, 0, 15));
  const inCohorts = Math.floor((projects * 0.8) / COHORT_SIZE) * COHORT_SIZE;
  const cohorts = inCohorts / COHORT_SIZE;
  const programOf = (cohort: number) => (cohort % 2 === 0 ? 'parcours-coop' : 'parcours-transfertcoop');
  const movable: number[] = [];
  let firstAdvisor = 0;
  await inOneTransaction(dataSource, async (runner) => {
    firstAdvisor = await insertAdvisors(runner, ADVISORS);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const cohortRows = Array.from({ length: cohorts }, (_, i) => {
      const start = Date.UTC(2001, 0, 10) + Math.floor((i * 25 * 365 * DAY) / cohorts);
      const [startsOn, endsOn] = [day(start), day(start + 150 * DAY)];
      return cohortRecord({
        programCode: programOf(i),
        number: Math.floor(i / 2) + 1,
        label: `Cohorte ${i + 1}`,
        startsOn,
        endsOn,
      });
    });
    await insertRecords(runner, 'cohorts', cohortRows);

    const batch = new ProjectHistoryBatch(runner);
    for (let i = 0; i < projects; i++) {
      const id = i + 1;
      const cohort = i < inCohorts ? Math.floor(i / COHORT_SIZE) : null;
      const program = cohort === null ? 'demarrage' : programOf(cohort);
      let stage = cohort === null ? 'premier-contact' : COHORT_STAGES[i % COHORT_STAGES.length];
      if (stage === 'constitution' && program === 'parcours-transfertcoop') stage = 'constitution-achat';
      if (cohort === null) movable.push(id);
      batch.projects.push(
        projectRecord({
          id,
          name: `Coop ${i}`,
          sector: 'services',
          kind: program === 'parcours-transfertcoop' ? 'transfer' : 'startup',
          region: String((i % 17) + 1).padStart(2, '0'),
          entrepreneurCount: 3,
          fictitious: false,
          advisorId: firstAdvisor + (i % ADVISORS),
        }),
      );
      const enrollment = { projectId: id, programCode: program, status: 'active' };
      batch.enrollments.push(
        enrollmentRecord({
          ...enrollment,
          id,
          cohortId: cohort === null ? null : cohort + 1,
          stage,
          version: 1,
          enrolledAt: at,
          stageEnteredAt: at,
          lastMovedAt: at,
        }),
      );
      batch.transitions.push(
        transitionRecord({
          ...enrollment,
          enrollmentId: id,
          kind: 'enrol',
          fromStage: null,
          toStage: stage,
          fromStatus: null,
          toStatus: 'active',
          at,
        }),
      );
      if (batch.projects.length === 10_000) await batch.flush();
    }
    await batch.flush();
  });
  if (dataSource.options.type === 'postgres') {
    // Ids were given: the sequences must move past them for the service's own inserts.
    for (const table of ['projects', 'enrollments'])
      await dataSource.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
  }
  return { cohortId: Math.floor(cohorts / 2) + 1, advisorId: firstAdvisor + 7, movable };
}
