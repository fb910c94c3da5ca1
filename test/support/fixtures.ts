import { bearer, type TestApp } from './test-app.js';

let counter = 0;

/** A valid project body; override what a test is about. */
export function projectBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Projet test ${counter}`,
    sector: 'menuiserie',
    kind: 'startup',
    coopType: 'worker',
    region: '06',
    entrepreneurCount: 3,
    programCode: 'demarrage',
    ...overrides,
  };
}

export function cohortBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    programCode: 'parcours-coop',
    number: 1000 + counter,
    label: `Cohorte test ${counter}`,
    startsOn: '2024-04-10',
    endsOn: '2024-09-11',
    deliveryMode: 'remote',
    ...overrides,
  };
}

export async function createProject(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const response = await t.http().post('/projects').set(bearer(token)).send(projectBody(overrides));
  if (response.status !== 201)
    throw new Error(`project creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createCohort(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const response = await t.http().post('/cohorts').set(bearer(token)).send(cohortBody(overrides));
  if (response.status !== 201)
    throw new Error(`cohort creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Counts rows straight from the database, to check that a refused request wrote nothing. */
export async function countRows(
  t: TestApp,
  table:
    | 'projects'
    | 'enrollments'
    | 'transitions'
    | 'contacts'
    | 'cohorts'
    | 'users'
    | 'stages'
    | 'satisfaction_ratings'
    | 'export_log',
) {
  const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}
