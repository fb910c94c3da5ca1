import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { namedQuery } from '../src/database/named-query.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { createCohort, createProject } from './support/fixtures.js';
import { rateOf, type Counts, type FigureFailureView, type Health } from './support/figures.js';
import { eventually } from './support/until.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

// A cohort whose start date no reporting year can be written for, put in the database the way bad
// data gets there (straight SQL, past the API's validation): its figures cannot be computed, on
// either database. Every other figure must still be, by the queue and by the nightly recompute.

const BROKEN_START = '9999-12-31';
/** Bull's default attempts for a job (queue.constants.ts), with exponential backoff between them. */
const ATTEMPTS = 5;
/** JOB_RETRY_DELAY_MS here: the five attempts take 1.5 s of waiting instead of the default's 30 s. */
const RETRY_DELAY_MS = '100';
const UNTIL_FINAL_FAILURE_MS = 90_000;
const YEAR_2016 = '/programs/parcours-coop/stats?year=2016-2017';
const YEAR_2015 = '/programs/parcours-coop/stats?year=2015-2016';

describe('figures of a scope that cannot be computed', () => {
  let t: TestApp;
  let token: string;
  let admin: string;
  const cohorts = { broken: 0, sameYear: 0, otherYear: 0 };
  const projects = { broken: [] as number[], sameYear: [] as number[], otherYear: [] as number[] };
  let brokenScope: string;
  let firstFailure: FigureFailureView;

  beforeAll(async () => {
    t = await startTestApp({ JOB_RETRY_DELAY_MS: RETRY_DELAY_MS });
    token = await t.tokenFor('coordinator');
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t?.close());

  const get = async <T>(path: string): Promise<T> => {
    const response = await t.http().get(path).set(bearer(token));
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  /** The stored figures once no recompute is outstanding; they must equal figures computed now. */
  const settled = (path: string, timeoutMs = 30_000) =>
    eventually(
      async () => {
        const stored = await get<Counts>(path);
        expect(stored.pending).toBe(false);
        const fresh = await get<Counts>(`${path}${path.includes('?') ? '&' : '?'}fresh=true`);
        expect({ path, ...stored, computedAt: null }).toEqual({ path, ...fresh, computedAt: null });
        return stored;
      },
      { timeoutMs },
    );
  const move = async (projectId: number, body: Record<string, string>) => {
    const response = await t.http().post(`/projects/${projectId}/transitions`).set(bearer(token)).send(body);
    if (response.status !== 201) {
      throw new Error(`move ${projectId} ${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const health = async (): Promise<Health> => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    return response.body;
  };
  const failureOf = async (scope: string) => (await health()).figures.failures.find((f) => f.scope === scope);
  const handCount = async (scope: string) => {
    const sql = 'SELECT hand_count FROM figure_dirty_marks WHERE scope = :scope';
    const [mark] = await namedQuery<{ hand_count: number | string }>(t.dataSource.manager, sql, { scope });
    return Number(mark.hand_count);
  };
  const setStart = (cohortId: number, startsOn: string) =>
    namedQuery(t.dataSource.manager, 'UPDATE cohorts SET starts_on = :startsOn WHERE id = :cohortId', {
      startsOn,
      cohortId,
    });
  const counts = (
    registered: number,
    completed: number | null,
    incorporated: number | null,
    entrepreneurs: number,
  ) => ({ registered, completed, incorporated, entrepreneurs });
  /** The settled counts at a path, to compare with `counts(...)`. */
  const countsAt = async (path: string) => {
    const { registered, completed, incorporated, entrepreneurs } = await settled(path);
    return counts(registered, completed, incorporated, entrepreneurs);
  };
  const figuresQueue = () => t.app.get<Queue>(getQueueToken(QUEUES.figures));
  const jobsOf = async (scope: string) => {
    const jobs = await figuresQueue().getJobs(['waiting', 'delayed', 'active', 'paused']);
    return jobs.filter((job) => job?.data?.scope === scope);
  };

  it('fails on one cohort, recomputes every other cohort and year, and /health names the failing scope', async () => {
    cohorts.broken = (await createCohort(t, token, { startsOn: '2016-04-13', endsOn: '2016-09-14' })).id;
    cohorts.sameYear = (await createCohort(t, token, { startsOn: '2016-05-11', endsOn: '2016-10-12' })).id;
    cohorts.otherYear = (await createCohort(t, token, { startsOn: '2015-04-15', endsOn: '2015-09-16' })).id;
    brokenScope = `cohort:${cohorts.broken}`;
    for (const [key, size] of [
      ['broken', 2],
      ['sameYear', 3],
      ['otherYear', 2],
    ] as const) {
      for (let i = 0; i < size; i++) {
        const body = { programCode: 'parcours-coop', cohortId: cohorts[key], entrepreneurCount: 2 };
        const project = await createProject(t, token, body);
        projects[key].push(project.id);
      }
    }
    expect(await countsAt(`/cohorts/${cohorts.broken}/stats`)).toEqual(counts(2, 0, 0, 4));
    expect(await countsAt(YEAR_2016)).toMatchObject({ registered: 5 });

    await setStart(cohorts.broken, BROKEN_START);
    // The cohort still reads; no reporting year can be written for it.
    const cohort = await get(`/cohorts/${cohorts.broken}`);
    expect(cohort).toMatchObject({ id: cohorts.broken, startsOn: BROKEN_START, year: null });

    await move(projects.broken[0], { to: 'formation' });
    await move(projects.sameYear[0], { to: 'formation' });
    await move(projects.sameYear[0], { to: 'formation-completee' });
    await move(projects.sameYear[1], { to: 'constitution' });
    await move(projects.otherYear[0], { to: 'constitution' });

    // The other cohorts and both years come back right through the queue.
    expect(await countsAt(`/cohorts/${cohorts.sameYear}/stats`)).toEqual(counts(3, 2, 1, 6));
    expect((await get<Counts>(`/cohorts/${cohorts.sameYear}/stats`)).startRate).toEqual(rateOf(1, 2));
    // The broken cohort no longer starts in 2016-2017.
    expect(await countsAt(YEAR_2016)).toEqual(counts(3, 2, 1, 6));
    expect(await countsAt(`/cohorts/${cohorts.otherYear}/stats`)).toEqual(counts(2, 1, 1, 4));
    expect(await countsAt(YEAR_2015)).toEqual(counts(2, 1, 1, 4));

    // The broken cohort's figures: the old ones, still waiting for newer.
    const stale = await get<Counts>(`/cohorts/${cohorts.broken}/stats`);
    expect(stale).toMatchObject({ registered: 2, completed: 0, pending: true });

    // Once Bull has made every attempt, /health names the scope, the error and since when.
    const failedForGood = await eventually(
      async () => {
        const body = await health();
        const failure = { scope: brokenScope, status: 'failed', attempts: ATTEMPTS };
        expect(body.figures.failures).toEqual([expect.objectContaining(failure)]);
        return body;
      },
      { timeoutMs: UNTIL_FINAL_FAILURE_MS, intervalMs: 500 },
    );
    firstFailure = failedForGood.figures.failures[0];
    expect(firstFailure.error).toContain(`${BROKEN_START} falls in no reporting year`);
    expect(new Date(firstFailure.failingSince).getTime()).toBeLessThan(new Date(firstFailure.lastFailedAt).getTime());
    expect(failedForGood).toMatchObject({ status: 'degraded', database: { status: 'up' }, redis: { status: 'up' } });
    expect(failedForGood.figures).toMatchObject({ failedScopes: 1, retryingScopes: 0 });
  }, 150_000);

  it('stops handing the failed scope to the queue until a new move in it', async () => {
    const idle = await eventually(async () => {
      const body = await health();
      expect(body.queues?.[QUEUES.figures]).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
      return body;
    });
    // Failed, not pending: nothing is waiting to be handed over.
    expect(idle.outbox).toMatchObject({ pendingScopes: 0, notHandedOver: 0, oldestNotHandedOverSeconds: null });

    const handed = await handCount(brokenScope);
    // Twenty relay passes (RELAY_INTERVAL_MS is 100 in tests) leave the scope alone.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const jobs = (await jobsOf(brokenScope)).length;
    expect({ handCount: await handCount(brokenScope), jobs }).toEqual({ handCount: handed, jobs: 0 });
    expect(await failureOf(brokenScope)).toMatchObject({ status: 'failed', attempts: ATTEMPTS });

    // A new move in the cohort makes it eligible again: handed over, tried again, and it fails again.
    await move(projects.broken[1], { to: 'formation' });
    await eventually(async () => expect(await handCount(brokenScope)).toBeGreaterThan(handed));
    const again = await eventually(
      async () => {
        const failure = await failureOf(brokenScope);
        expect(failure).toMatchObject({ status: 'failed', attempts: 2 * ATTEMPTS });
        return failure!;
      },
      { timeoutMs: UNTIL_FINAL_FAILURE_MS, intervalMs: 500 },
    );
    // Failing since the first failure: the new attempts did not start a new record.
    expect(again.failingSince).toBe(firstFailure.failingSince);
    expect(new Date(again.lastFailedAt).getTime()).toBeGreaterThan(new Date(firstFailure.lastFailedAt).getTime());
  }, 150_000);

  it('lets the nightly full recompute repair every other figure and record the failing scope', async () => {
    // Changes written straight to the database mark nothing: only the full recompute sees them.
    const sql = 'UPDATE projects SET entrepreneur_count = 5 WHERE id IN (:first, :second)';
    await namedQuery(t.dataSource.manager, sql, { first: projects.sameYear[2], second: projects.otherYear[1] });
    const before = await failureOf(brokenScope);
    const done = async () => (await figuresQueue().getCompleted()).filter((job) => job.name === 'recompute-all');
    expect(await done()).toHaveLength(0);

    await t.http().post('/admin/schedules/figures-recompute/run').set(bearer(admin)).expect(201);
    const [job] = await eventually(
      async () => {
        const completed = await done();
        expect(completed).toHaveLength(1);
        return completed;
      },
      { timeoutMs: 30_000 },
    );
    expect(job.returnvalue).toMatchObject({ failed: [brokenScope] });

    expect(await countsAt(`/cohorts/${cohorts.sameYear}/stats`)).toEqual(counts(3, 2, 1, 9));
    expect(await countsAt(`/cohorts/${cohorts.otherYear}/stats`)).toEqual(counts(2, 1, 1, 7));
    expect(await countsAt(YEAR_2016)).toEqual(counts(3, 2, 1, 9));
    expect(await countsAt(YEAR_2015)).toEqual(counts(2, 1, 1, 7));

    const after = await failureOf(brokenScope);
    expect(after).toMatchObject({ status: 'failed', attempts: before!.attempts + 1 });
    expect(after!.failingSince).toBe(before!.failingSince);
    expect(after!.error).toContain(`${BROKEN_START} falls in no reporting year`);
    expect(new Date(after!.lastFailedAt).getTime()).toBeGreaterThan(new Date(before!.lastFailedAt).getTime());
  }, 90_000);

  it('computes the scope again once its data is repaired, and /health forgets it', async () => {
    await setStart(cohorts.broken, '2016-04-13');
    await move(projects.broken[0], { to: 'formation-completee' });

    expect(await countsAt(`/cohorts/${cohorts.broken}/stats`)).toEqual(counts(2, 1, 0, 4));
    const repaired = await get(`/cohorts/${cohorts.broken}/stats`);
    expect(repaired).toMatchObject({ year: '2016-2017', completionRate: rateOf(1, 2) });
    expect(await countsAt(YEAR_2016)).toEqual(counts(5, 3, 1, 13));

    const body = await eventually(async () => {
      const current = await health();
      expect(current.figures).toEqual({ failedScopes: 0, retryingScopes: 0, failures: [] });
      return current;
    });
    expect(body).toMatchObject({ status: 'ok', outbox: { pendingScopes: 0 } });
  }, 60_000);

  it('counts a cohort that starts before the year 1000 in its year, written with four digits', async () => {
    const cohortId = (await createCohort(t, token, { startsOn: '2014-04-16', endsOn: '2014-09-17' })).id;
    const project = await createProject(t, token, { programCode: 'parcours-coop', cohortId, entrepreneurCount: 4 });
    await setStart(cohortId, '0999-12-31');
    await move(project.id, { to: 'formation' });

    expect(await countsAt(`/cohorts/${cohortId}/stats`)).toEqual(counts(1, 0, 0, 4));
    expect(await get(`/cohorts/${cohortId}`)).toMatchObject({ startsOn: '0999-12-31', year: '0999-1000' });
    // The year is computed and stored like any other; the API reads only years from 1900 on, as it
    // takes only dates from then on, so the stored figures are read from the table.
    const stored = await eventually(async () => {
      const [row] = await t.dataSource.query(
        `SELECT payload FROM figure_snapshots WHERE scope = 'program-year:parcours-coop:0999-1000'`,
      );
      expect(row).toBeDefined();
      return (
        JSON.parse(row.payload) as { stats: Counts & { year: string; cohorts: { cohortId: number; year: string }[] } }
      ).stats;
    });
    expect(counts(stored.registered, stored.completed, stored.incorporated, stored.entrepreneurs)).toEqual(
      counts(1, 0, 0, 4),
    );
    expect(stored.year).toBe('0999-1000');
    expect(stored.cohorts).toEqual([expect.objectContaining({ cohortId, year: '0999-1000' })]);
    expect((await health()).figures.failures).toEqual([]);
    await t.http().get('/programs/parcours-coop/stats?year=0999-1000').set(bearer(token)).expect(400);
  }, 60_000);
});
