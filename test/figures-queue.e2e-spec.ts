import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import type { Response } from 'supertest';
import { FiguresService } from '../src/figures/figures.service.js';
import { PRODUCER_TIMEOUT_MS, QUEUES } from '../src/queue/queue.constants.js';
import { createCohort, createProject } from './support/fixtures.js';
import { rateOf, type Counts, type Health } from './support/figures.js';
import { eventually } from './support/until.js';
import { freePort, PrivateRedis } from './support/private-redis.js';
import { bearer, startSecondWorker, startTestApp, type TestApp } from './support/test-app.js';

// The figures queue under stress, on a redis-server of this file's own: it can be stopped and
// started again (empty) without touching the Redis other test files share.

type Stats = Counts;

/** Runs tasks with at most `width` of them at a time. */
async function inBatches<T>(items: T[], width: number, task: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(task));
}

// ---- The tests --------------------------------------------------------------------------------------

describe('the figures queue under stress', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp({ REDIS_URL: redis.url });
    token = await t.tokenFor('coordinator');
  }, 60_000);

  afterAll(async () => {
    try {
      // Closing the queues wants a Redis that answers.
      if (redis && !redis.running) await redis.start();
      await t?.close();
    } finally {
      await redis?.stop();
      redis?.cleanUp();
    }
  }, 60_000);

  const get = async <T>(path: string, app: TestApp = t): Promise<T> => {
    const response = await app.http().get(path).set(bearer(token));
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const settled = (path: string, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const body = await get<Stats>(path);
        expect(body.pending).toBe(false);
        return body;
      },
      { timeoutMs },
    );
  const move = async (projectId: number, body: Record<string, string>) => {
    const response = await t.http().post(`/projects/${projectId}/transitions`).set(bearer(token)).send(body);
    if (response.status !== 201)
      throw new Error(`move ${projectId} ${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const enrol = async (cohortId: number, entrepreneurCount = 3) =>
    (await createProject(t, token, { programCode: 'parcours-coop', cohortId, entrepreneurCount })).id as number;
  const health = async (): Promise<Health> => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    return response.body;
  };
  const waitUntilIdle = (timeoutMs = 30_000) =>
    eventually(
      async () => {
        const body = await health();
        expect(body.redis.status).toBe('up');
        expect(body.queues?.[QUEUES.figures]).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
        expect(body.outbox).toMatchObject({ pendingScopes: 0, notHandedOver: 0 });
        return body;
      },
      { timeoutMs },
    );
  const handCount = async (scope: string) => {
    const rows: { hand_count: number | string }[] = await t.dataSource.query(
      `SELECT hand_count FROM figure_dirty_marks WHERE scope = '${scope}'`,
    );
    return rows.length ? Number(rows[0].hand_count) : 0;
  };
  const counts = (body: Stats) => ({
    registered: body.registered,
    completed: body.completed,
    incorporated: body.incorporated,
    abandoned: body.abandoned,
    onHold: body.onHold,
    entrepreneurs: body.entrepreneurs,
  });

  it('turns a burst of 200 moves in one cohort into right figures with far fewer than 200 jobs', async () => {
    const cohort = await createCohort(t, token, { startsOn: '2020-04-15', endsOn: '2020-09-16' });
    const scope = `cohort:${cohort.id}`;
    const ids: number[] = [];
    await inBatches([...Array(100).keys()], 10, async (i) => {
      ids.push(await enrol(cohort.id, 1 + (i % 3)));
    });
    const statsPath = `/cohorts/${cohort.id}/stats`;
    expect(counts(await settled(statsPath))).toMatchObject({ registered: 100, completed: 0 });
    await waitUntilIdle();

    const queue = t.app.get<Queue>(getQueueToken(QUEUES.figures));
    const jobsOf = async (s: string) =>
      (await queue.getCompleted()).filter((job) => job.name === 'recompute-scope' && job.data.scope === s).length;
    const handsBefore = await handCount(scope);
    const jobsBefore = await jobsOf(scope);

    // 200 moves: every project twice, 50 projects at a time.
    const started = Date.now();
    await inBatches(ids, 50, async (id) => {
      await move(id, { to: 'formation' });
      await move(id, { to: 'formation-completee' });
    });
    const burstMs = Date.now() - started;

    const stats = await settled(statsPath, 30_000);
    expect(counts(stats)).toEqual({
      registered: 100,
      completed: 100,
      incorporated: 0,
      abandoned: 0,
      onHold: 0,
      entrepreneurs: 199,
    });
    expect(stats.completionRate).toEqual(rateOf(100, 100));
    expect(stats.startRate).toEqual(rateOf(0, 100));
    const year = await settled('/programs/parcours-coop/stats?year=2020-2021', 30_000);
    expect(counts(year)).toEqual({
      registered: 100,
      completed: 100,
      incorporated: 0,
      abandoned: 0,
      onHold: 0,
      entrepreneurs: 199,
    });
    await waitUntilIdle();

    const hands = (await handCount(scope)) - handsBefore;
    const jobs = (await jobsOf(scope)) - jobsBefore;
    // One object, so a failure shows the counts and how long the burst took.
    expect({ jobs, hands, burstMs, jobsFew: jobs >= 1 && jobs < 50, handsFew: hands >= 1 && hands < 50 }).toMatchObject(
      { jobsFew: true, handsFew: true },
    );
  }, 120_000);

  it('lets two worker processes share the queue without counting anything twice', async () => {
    const worker = await startSecondWorker(t, { REDIS_URL: redis.url, DEMO_DATA: 'false' });
    try {
      // Who ran what: each process's recomputes, counted where the job handler calls them.
      const ran = new Map<string, string[]>();
      for (const [name, app] of [
        ['first', t.app],
        ['second', worker],
      ] as const) {
        const service = app.get(FiguresService);
        const recompute = service.recomputeScope.bind(service);
        ran.set(name, []);
        service.recomputeScope = (scope, options) => (ran.get(name)!.push(scope), recompute(scope, options));
      }

      // Five cohorts of 12 projects; every project moves two or three times, in parallel.
      const cohorts = [];
      for (let n = 0; n < 5; n++)
        cohorts.push(await createCohort(t, token, { startsOn: `2019-0${4 + n}-10`, endsOn: '2020-03-01' }));
      const plan: { id: number; cohortIndex: number; steps: Record<string, string>[] }[] = [];
      for (const [cohortIndex, cohort] of cohorts.entries()) {
        for (let i = 0; i < 12; i++) {
          const steps: Record<string, string>[] =
            i % 4 === 0
              ? [{ to: 'formation' }, { to: 'formation-completee' }, { to: 'constitution' }]
              : i % 4 === 1
                ? [{ to: 'formation' }, { to: 'formation-completee' }]
                : i % 4 === 2
                  ? [{ to: 'formation' }, { to: 'abandoned', reason: 'Équipe dissoute' }]
                  : [{ to: 'constitution' }, { to: 'en-activite' }];
          plan.push({ id: await enrol(cohort.id, 2), cohortIndex, steps });
        }
      }
      await inBatches(plan, 15, async ({ id, steps }) => {
        for (const step of steps) await move(id, step);
      });

      await waitUntilIdle();
      for (const cohort of cohorts) {
        const stats = await settled(`/cohorts/${cohort.id}/stats`);
        // Per 12 projects: 3 trained and incorporated, 3 trained, 3 abandoned in training, 3 straight to en-activite.
        expect({ cohort: cohort.id, ...counts(stats) }).toEqual({
          cohort: cohort.id,
          registered: 12,
          completed: 9,
          incorporated: 6,
          abandoned: 3,
          onHold: 0,
          entrepreneurs: 24,
        });
        expect(stats.startRate).toEqual(rateOf(6, 9));
        const fresh = await get<Stats>(`/cohorts/${cohort.id}/stats?fresh=true`);
        expect({ ...fresh, computedAt: null }).toEqual({ ...stats, computedAt: null });
      }
      const year = await settled('/programs/parcours-coop/stats?year=2019-2020');
      expect(counts(year)).toEqual({
        registered: 60,
        completed: 45,
        incorporated: 30,
        abandoned: 15,
        onHold: 0,
        entrepreneurs: 120,
      });
      expect(year.startRate).toEqual(rateOf(30, 60));
      expect(year.operating).toBe(15);

      // Both processes took jobs from the shared queue.
      expect({ first: ran.get('first')!.length > 0, second: ran.get('second')!.length > 0 }).toEqual({
        first: true,
        second: true,
      });
    } finally {
      // The second process shares the first one's database and queues: close it, drop nothing.
      await worker.close();
    }
  }, 120_000);

  it('hands a scope over again when Redis restarts empty and has lost its job', async () => {
    const cohort = await createCohort(t, token, { startsOn: '2017-04-12', endsOn: '2017-09-13' });
    const path = `/cohorts/${cohort.id}/stats`;
    const scope = `cohort:${cohort.id}`;
    const first = await enrol(cohort.id, 2);
    await enrol(cohort.id, 3);
    expect(counts(await settled(path))).toMatchObject({ registered: 2, completed: 0 });
    await waitUntilIdle();

    const queue = t.app.get<Queue>(getQueueToken(QUEUES.figures));
    const handsBefore = await handCount(scope);
    // Paused for the whole queue: the job handed over for the next moves waits in Redis, unstarted
    // (and, unstarted, it will see every later move: the relay leaves it alone).
    await queue.pause();
    try {
      await move(first, { to: 'formation' });
      await move(first, { to: 'formation-completee' });
      const handed = await eventually(
        async () => {
          const [mark] = await t.dataSource.query(
            `SELECT handed_job_id, hand_count FROM figure_dirty_marks WHERE scope = '${scope}'`,
          );
          expect(Number(mark.hand_count)).toBeGreaterThan(handsBefore);
          const job = await queue.getJob(String(mark.handed_job_id));
          expect(await job?.getState()).toBe('paused');
          return { handCount: Number(mark.hand_count), jobId: String(mark.handed_job_id) };
        },
        { timeoutMs: 45_000 },
      );
      expect((await get<Stats>(path)).pending).toBe(true);

      // Redis restarts with nothing: the job, and the pause, are gone; no move follows to wake the relay.
      await redis.stop();
      await redis.start();

      const stats = await settled(path, 45_000);
      expect(counts(stats)).toEqual({
        registered: 2,
        completed: 1,
        incorporated: 0,
        abandoned: 0,
        onHold: 0,
        entrepreneurs: 5,
      });
      expect(stats.completionRate).toEqual(rateOf(1, 2));
      expect(await handCount(scope)).toBeGreaterThan(handed.handCount);
      expect(await queue.getJob(handed.jobId)).toBeNull();
      await waitUntilIdle(45_000);
    } finally {
      if (redis.running) await queue.resume().catch(() => undefined);
    }
  }, 120_000);

  it('keeps recording moves while Redis is away, says so in /health, and catches up once Redis is back empty', async () => {
    const cohort = await createCohort(t, token, { startsOn: '2018-04-11', endsOn: '2018-09-12' });
    const path = `/cohorts/${cohort.id}/stats`;
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await enrol(cohort.id, 2));
    expect(counts(await settled(path))).toMatchObject({ registered: 4, completed: 0 });
    await waitUntilIdle();

    await redis.stop();
    await eventually(async () => expect((await health()).redis.status).toBe('down'), { timeoutMs: 10_000 });

    const timed = async (what: string, request: () => Promise<Response>, status: number) => {
      const started = Date.now();
      const response = await request();
      const ms = Date.now() - started;
      // Bounded by the producer's timeout (plus a loaded machine's slack): an answer, never a hang.
      const quick = ms < PRODUCER_TIMEOUT_MS + 3_000;
      expect({ what, status: response.status, quick }).toEqual({ what, status, quick: true });
      return response;
    };
    const steps: [number, Record<string, string>][] = [
      [ids[0], { to: 'formation' }],
      [ids[0], { to: 'formation-completee' }],
      [ids[0], { to: 'constitution' }],
      [ids[1], { to: 'formation' }],
      [ids[1], { to: 'formation-completee' }],
      [ids[2], { to: 'constitution' }],
      [ids[3], { to: 'formation' }],
      [ids[3], { to: 'on_hold', reason: 'Recherche de financement' }],
    ];
    for (const [id, body] of steps) {
      await timed(
        `move ${id} to ${body.to}`,
        () => t.http().post(`/projects/${id}/transitions`).set(bearer(token)).send(body),
        201,
      );
    }
    // A new project can be enrolled too: nothing on the way talks to Redis.
    const late = await createProject(t, token, {
      programCode: 'parcours-coop',
      cohortId: cohort.id,
      entrepreneurCount: 5,
    });

    // The stored figures are still readable, and say newer ones are on their way.
    const stale = await timed('stats', () => t.http().get(path).set(bearer(token)), 200);
    expect(stale.body.pending).toBe(true);

    const degraded = await timed('health', () => t.http().get('/health'), 200);
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      database: { status: 'up' },
      redis: { status: 'down' },
      queues: null,
    });
    expect(degraded.body.outbox.pendingScopes).toBeGreaterThan(0);
    expect(degraded.body.outbox.notHandedOver).toBeGreaterThan(0);
    expect(degraded.body.outbox.oldestNotHandedOverSeconds).toEqual(expect.any(Number));

    // Running a schedule needs the queue: refused at once (503), not left hanging.
    const admin = await t.tokenFor('admin');
    await timed('schedule run', () => t.http().post('/admin/schedules/figures-recompute/run').set(bearer(admin)), 503);

    // Redis comes back empty: every job it held is lost; the outbox hands the work over again.
    await redis.start();
    const caughtUp = await settled(path, 45_000);
    expect(counts(caughtUp)).toEqual({
      registered: 5,
      completed: 3,
      incorporated: 2,
      abandoned: 0,
      onHold: 1,
      entrepreneurs: 13,
    });
    expect(caughtUp.startRate).toEqual(rateOf(2, 3));
    expect(caughtUp.completionRate).toEqual(rateOf(3, 5));
    expect(late.enrollments[0]).toMatchObject({ programCode: 'parcours-coop', stage: { code: 'inscription' } });
    const year = await settled('/programs/parcours-coop/stats?year=2018-2019', 45_000);
    expect(counts(year)).toEqual({
      registered: 5,
      completed: 3,
      incorporated: 2,
      abandoned: 0,
      onHold: 1,
      entrepreneurs: 13,
    });

    const back = await waitUntilIdle(45_000);
    expect(back).toMatchObject({
      status: 'ok',
      redis: { status: 'up' },
      outbox: { pendingScopes: 0, notHandedOver: 0, oldestNotHandedOverSeconds: null },
    });
  }, 150_000);
});
