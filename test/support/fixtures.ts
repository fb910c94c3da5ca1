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
    | 'export_log'
    | 'job_counts',
) {
  const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

/**
 * `count` advisors (advisor-0 onwards), each with a project and a task due on `dueOn`: each is owed
 * one digest that day. Their e-mail addresses by user id.
 */
export async function advisorsWithTaskDue(t: TestApp, count: number, dueOn: string): Promise<Map<number, string>> {
  // One after another: signing many in at once would meet the sign-in limit per address.
  const addresses = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const advisor = await t.tokenFor('advisor', `advisor-${i}`);
    const project = await createProject(t, advisor);
    await t
      .http()
      .post(`/projects/${project.id}/follow-ups`)
      .set(bearer(advisor))
      .send({ dueOn, note: 'Rappeler la caisse' })
      .expect(201);
    const me = await t.http().get('/users/me').set(bearer(advisor)).expect(200);
    addresses.set(me.body.id, me.body.email);
  }
  return addresses;
}
