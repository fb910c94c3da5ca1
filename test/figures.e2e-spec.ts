import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DEFAULT_DEMO_PASSWORD } from '../src/config/app-config.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { createCohort, createProject } from './support/fixtures.js';
import { rateOf, type Counts, type Health, type Rate } from './support/figures.js';
import { eventually } from './support/until.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';

// End-to-end figures: moves are recorded with a dirty mark, the real relay hands them to the real
// Bull queue on the real Redis, the worker stores the figures, and the API reads them back.

interface CohortStats extends Counts {
  cohortId: number;
  number: number;
  programCode: string;
  year: string;
}
interface ProgramStats extends Counts {
  programCode: string;
  year: string;
  cohorts: Omit<CohortStats, 'computedAt' | 'pending'>[];
}
interface Funnel {
  programCode: string;
  year: string;
  projects: number;
  stages: { code: string; reached: number; current: number; milestone: string | null; medianDays: number | null }[];
  milestones: {
    milestone: string;
    stageCode: string;
    reached: number;
    fromPrevious: Rate | null;
    fromFirst: Rate | null;
    ofProjects: Rate | null;
  }[];
  computedAt: string;
  pending: boolean;
}

/** The figures without the freshness fields, to compare two reads of the same figures. */
function withoutFreshness<T extends { computedAt: string; pending: boolean }>(
  body: T,
): Omit<T, 'computedAt' | 'pending'> {
  const { computedAt: _computedAt, pending: _pending, ...rest } = body;
  return rest;
}

function figuresClient(t: () => TestApp, token: () => string) {
  const get = async <T>(path: string, expected = 200): Promise<T> => {
    const response = await t().http().get(path).set(bearer(token()));
    if (response.status !== expected)
      throw new Error(`GET ${path}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  /** Reads the figures until no recompute is outstanding (pending false), then returns them. */
  const settled = <T extends { pending: boolean }>(path: string, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const body = await get<T>(path);
        expect(body.pending).toBe(false);
        return body;
      },
      { timeoutMs },
    );
  return { get, settled };
}

async function health(t: TestApp): Promise<Health> {
  const response = await t.http().get('/health');
  expect(response.status).toBe(200);
  return response.body;
}

/** Waits until the figures work is done: nothing waiting or running in the queues, nothing pending in the outbox. */
async function waitUntilIdle(t: TestApp, timeoutMs = 20_000): Promise<Health> {
  return eventually(
    async () => {
      const body = await health(t);
      expect(body.redis.status).toBe('up');
      expect(body.queues?.[QUEUES.figures]).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
      expect(body.queues?.[QUEUES.schedules]).toMatchObject({ waiting: 0, active: 0 });
      expect(body.outbox).toMatchObject({ pendingScopes: 0, notHandedOver: 0 });
      return body;
    },
    { timeoutMs },
  );
}

describe('figures from the demo year 2023-2024', () => {
  let t: TestApp;
  let token: string;
  const { get, settled } = figuresClient(
    () => t,
    () => token,
  );
  let cohortIds: Map<number, number>;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
    const login = await t
      .http()
      .post('/auth/login')
      .send({ email: 'coordination@demo.coop.example', password: DEFAULT_DEMO_PASSWORD })
      .expect(200);
    token = login.body.accessToken;
    const cohorts = await get<{ id: number; number: number }[]>('/cohorts?programCode=parcours-coop');
    cohortIds = new Map(cohorts.map((c) => [c.number, c.id]));
    // The demo moves went through the services, so they left figure work for the worker.
    await waitUntilIdle(t, 60_000);
  }, 120_000);
  afterAll(() => t?.close());

  it('gives the Parcours COOP year: 16 registered, 10 completed and incorporated, 44 entrepreneurs, start rate 63 %', async () => {
    const stats = await settled<ProgramStats>('/programs/parcours-coop/stats?year=2023-2024');
    expect(stats).toMatchObject({
      programCode: 'parcours-coop',
      year: '2023-2024',
      registered: 16,
      completed: 10,
      incorporated: 10,
      operating: 4,
      abandoned: 4,
      onHold: 2,
      entrepreneurs: 44,
      completionRate: { numerator: 10, denominator: 16, ratio: 0.625, percent: 63 },
      startRate: { numerator: 10, denominator: 16, ratio: 0.625, percent: 63 },
    });
    expect(new Date(stats.computedAt).getTime()).not.toBeNaN();
    expect(
      stats.cohorts.map((c) => [c.number, c.year, c.registered, c.completed, c.incorporated, c.startRate]),
    ).toEqual([
      [19, '2023-2024', 7, 4, 4, { numerator: 4, denominator: 4, ratio: 1, percent: 100 }],
      [20, '2023-2024', 9, 6, 6, { numerator: 6, denominator: 6, ratio: 1, percent: 100 }],
    ]);
  });

  it('gives each cohort its start rate of 100 % (incorporated / completed) and its completion rate', async () => {
    expect([...cohortIds.keys()].sort()).toEqual([19, 20]);
    const spring = await settled<CohortStats>(`/cohorts/${cohortIds.get(19)}/stats`);
    expect(spring).toMatchObject({
      cohortId: cohortIds.get(19),
      number: 19,
      programCode: 'parcours-coop',
      year: '2023-2024',
      registered: 7,
      completed: 4,
      incorporated: 4,
      operating: 2,
      abandoned: 2,
      onHold: 1,
      entrepreneurs: 19,
      startRate: { numerator: 4, denominator: 4, ratio: 1, percent: 100 },
      completionRate: rateOf(4, 7),
    });
    expect(spring.completionRate?.percent).toBe(57);

    const autumn = await settled<CohortStats>(`/cohorts/${cohortIds.get(20)}/stats`);
    expect(autumn).toMatchObject({
      cohortId: cohortIds.get(20),
      number: 20,
      programCode: 'parcours-coop',
      year: '2023-2024',
      registered: 9,
      completed: 6,
      incorporated: 6,
      operating: 2,
      abandoned: 2,
      onHold: 1,
      entrepreneurs: 25,
      startRate: { numerator: 6, denominator: 6, ratio: 1, percent: 100 },
      completionRate: rateOf(6, 9),
    });
    expect(autumn.completionRate?.percent).toBe(67);
  });

  it('gives the start-up funnel: 42 met, 20 engaged (48 %), 11 incorporated (55 %, 26 % of those met)', async () => {
    const funnel = await settled<Funnel>('/programs/demarrage/funnel?year=2023-2024');
    expect(funnel).toMatchObject({ programCode: 'demarrage', year: '2023-2024', projects: 42 });
    expect(funnel.stages.map((s) => [s.code, s.reached, s.current])).toEqual([
      ['premier-contact', 42, 8],
      ['accompagnement', 20, 0],
      ['plan-affaires', 18, 4],
      ['montage-financier', 14, 3],
      ['constitution', 11, 5],
      ['en-activite', 6, 6],
    ]);
    const milestone = (name: string) => funnel.milestones.find((m) => m.milestone === name);
    expect(funnel.milestones.map((m) => m.milestone)).toEqual(['met', 'engaged', 'incorporated', 'operating']);
    expect(milestone('met')).toMatchObject({
      stageCode: 'premier-contact',
      reached: 42,
      fromPrevious: null,
      fromFirst: rateOf(42, 42),
    });
    expect(milestone('engaged')).toMatchObject({
      stageCode: 'accompagnement',
      reached: 20,
      fromPrevious: rateOf(20, 42),
      fromFirst: rateOf(20, 42),
    });
    expect(milestone('engaged')?.fromPrevious?.percent).toBe(48);
    expect(milestone('incorporated')).toMatchObject({
      stageCode: 'constitution',
      reached: 11,
      fromPrevious: rateOf(11, 20),
      fromFirst: rateOf(11, 42),
    });
    expect(milestone('incorporated')?.fromPrevious?.percent).toBe(55);
    expect(milestone('incorporated')?.fromFirst?.percent).toBe(26);
  });

  it('gives the start-up stats: no training milestone (completed null) and a start rate of 11 / 42', async () => {
    const stats = await settled<ProgramStats>('/programs/demarrage/stats?year=2023-2024');
    expect(stats).toMatchObject({
      programCode: 'demarrage',
      year: '2023-2024',
      registered: 42,
      completed: null,
      completionRate: null,
      incorporated: 11,
      operating: 6,
      abandoned: 16,
      onHold: 0,
      startRate: rateOf(11, 42),
      cohorts: [],
    });
    expect(stats.startRate?.percent).toBe(26);
  });

  it('gives the transfer funnel: 13 projects between pre-feasibility and financial set-up', async () => {
    const funnel = await settled<Funnel>('/programs/transfertcoop/funnel?year=2023-2024');
    expect(funnel.projects).toBe(13);
    const current = Object.fromEntries(funnel.stages.map((s) => [s.code, s.current]));
    expect(current).toEqual({
      exploration: 0,
      prefaisabilite: 4,
      'plan-affaires-transfert': 3,
      'evaluation-negociation': 3,
      'montage-financier': 3,
      'constitution-achat': 0,
      'en-activite': 0,
    });
    expect(funnel.stages.map((s) => [s.code, s.reached])).toEqual([
      ['exploration', 13],
      ['prefaisabilite', 13],
      ['plan-affaires-transfert', 9],
      ['evaluation-negociation', 6],
      ['montage-financier', 3],
      ['constitution-achat', 0],
      ['en-activite', 0],
    ]);
  });

  it('computes the same figures with ?fresh=true as the stored ones', async () => {
    for (const path of [
      '/programs/parcours-coop/stats?year=2023-2024',
      '/programs/demarrage/funnel?year=2023-2024',
      '/programs/transfertcoop/funnel?year=2023-2024',
      `/cohorts/${cohortIds.get(20)}/stats`,
    ]) {
      const stored = await settled<Counts>(path);
      const fresh = await get<Counts>(`${path}${path.includes('?') ? '&' : '?'}fresh=true`);
      expect(fresh.pending).toBe(false);
      expect(withoutFreshness(fresh)).toEqual(withoutFreshness(stored));
    }
  });

  it('shows Redis, the queues, the outbox and no failing figures in GET /health', async () => {
    const body = await waitUntilIdle(t);
    expect(body).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
      redis: { status: 'up', latencyMs: expect.any(Number) },
    });
    for (const name of [QUEUES.figures, QUEUES.schedules]) {
      expect(body.queues?.[name]).toEqual({
        waiting: expect.any(Number),
        active: expect.any(Number),
        failed: expect.any(Number),
        delayed: expect.any(Number),
      });
    }
    expect(body.queues?.[QUEUES.figures].failed).toBe(0);
    expect(body.outbox).toEqual({ pendingScopes: 0, notHandedOver: 0, oldestNotHandedOverSeconds: null });
    expect(body.figures).toEqual({ failedScopes: 0, retryingScopes: 0, failures: [] });
  });

  it('recomputes everything through the queue twice with the same figures, and computedAt moves forward', async () => {
    const admin = (
      await t
        .http()
        .post('/auth/login')
        .send({ email: 'admin@demo.coop.example', password: DEFAULT_DEMO_PASSWORD })
        .expect(200)
    ).body.accessToken;
    const figuresQueue = t.app.get<Queue>(getQueueToken(QUEUES.figures));
    const recomputeAllDone = async () =>
      (await figuresQueue.getCompleted()).filter((job) => job.name === 'recompute-all').length;
    const paths = [
      '/programs/parcours-coop/stats?year=2023-2024',
      '/programs/demarrage/funnel?year=2023-2024',
      '/programs/demarrage/stats?year=2023-2024',
      '/programs/transfertcoop/funnel?year=2023-2024',
      `/cohorts/${cohortIds.get(19)}/stats`,
      `/cohorts/${cohortIds.get(20)}/stats`,
    ];
    const read = async () => Promise.all(paths.map((path) => settled<Counts>(path)));

    await waitUntilIdle(t);
    const reads = [await read()];
    for (let run = 1; run <= 2; run++) {
      const before = await recomputeAllDone();
      const started = await t.http().post('/admin/schedules/figures-recompute/run').set(bearer(admin)).expect(201);
      expect(started.body).toEqual({ schedule: 'figures-recompute', jobId: expect.any(String) });
      await eventually(async () => {
        // A failed attempt waits in delayed for its retry: its reason is the useful message.
        const failed = [...(await figuresQueue.getFailed()), ...(await figuresQueue.getDelayed())].filter(
          (job) => job.name === 'recompute-all',
        );
        expect(failed.map((job) => job.failedReason)).toEqual([]);
        expect(await recomputeAllDone()).toBe(before + 1);
      });
      await waitUntilIdle(t);
      reads.push(await read());
    }

    for (const [i, path] of paths.entries()) {
      const [initial, first, second] = reads.map((r) => r[i]);
      expect({ path, figures: withoutFreshness(first) }).toEqual({ path, figures: withoutFreshness(initial) });
      expect({ path, figures: withoutFreshness(second) }).toEqual({ path, figures: withoutFreshness(first) });
      expect(new Date(first.computedAt).getTime()).toBeGreaterThan(new Date(initial.computedAt).getTime());
      expect(new Date(second.computedAt).getTime()).toBeGreaterThan(new Date(first.computedAt).getTime());
    }
  }, 90_000);
});

describe('figures follow the moves', () => {
  let t: TestApp;
  let token: string;
  const { get, settled } = figuresClient(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.tokenFor('coordinator');
  });
  afterAll(() => t?.close());

  const move = async (projectId: number, body: Record<string, string>) => {
    const response = await t.http().post(`/projects/${projectId}/transitions`).set(bearer(token)).send(body);
    if (response.status !== 201)
      throw new Error(`move ${projectId} ${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const moveThrough = async (projectId: number, steps: Record<string, string>[]) => {
    for (const step of steps) await move(projectId, step);
  };
  const enrol = async (cohortId: number, entrepreneurCount: number) =>
    (await createProject(t, token, { programCode: 'parcours-coop', cohortId, entrepreneurCount })).id as number;
  const counts = (body: Counts) => ({
    registered: body.registered,
    completed: body.completed,
    incorporated: body.incorporated,
    operating: body.operating,
    abandoned: body.abandoned,
    onHold: body.onHold,
    entrepreneurs: body.entrepreneurs,
  });

  it('counts registered, completed (reached), incorporated, abandoned, on hold and entrepreneurs of a cohort as it moves', async () => {
    const cohort = await createCohort(t, token, { startsOn: '2024-04-10', endsOn: '2024-09-11' });
    const path = `/cohorts/${cohort.id}/stats`;
    const complete = await enrol(cohort.id, 3);
    const trained = await enrol(cohort.id, 2);
    const skipped = await enrol(cohort.id, 4);
    const trainedThenLeft = await enrol(cohort.id, 2);
    const held = await enrol(cohort.id, 1);
    await enrol(cohort.id, 5); // stays at inscription

    const enrolled = await settled<CohortStats>(path);
    expect(counts(enrolled)).toEqual({
      registered: 6,
      completed: 0,
      incorporated: 0,
      operating: 0,
      abandoned: 0,
      onHold: 0,
      entrepreneurs: 17,
    });
    expect(enrolled.startRate).toBeNull();
    expect(enrolled.completionRate).toEqual(rateOf(0, 6));

    await moveThrough(complete, [{ to: 'formation' }, { to: 'formation-completee' }, { to: 'constitution' }]);
    await moveThrough(trained, [{ to: 'formation' }, { to: 'formation-completee' }]);
    // Incorporated without anyone recording "training completed": it has still completed the training.
    await moveThrough(skipped, [{ to: 'formation' }, { to: 'constitution' }]);
    await moveThrough(trainedThenLeft, [
      { to: 'formation' },
      { to: 'formation-completee' },
      { to: 'abandoned', reason: 'Équipe dissoute' },
    ]);
    await moveThrough(held, [{ to: 'formation' }, { to: 'on_hold', reason: 'Congé parental' }]);

    const moved = await settled<CohortStats>(path);
    expect(counts(moved)).toEqual({
      registered: 6,
      completed: 4,
      incorporated: 2,
      operating: 0,
      abandoned: 1,
      onHold: 1,
      entrepreneurs: 17,
    });
    expect(moved.startRate).toEqual({ numerator: 2, denominator: 4, ratio: 0.5, percent: 50 });
    expect(moved.completionRate).toEqual(rateOf(4, 6));
    expect(moved.completionRate?.percent).toBe(67);
    expect(new Date(moved.computedAt).getTime()).toBeGreaterThanOrEqual(new Date(enrolled.computedAt).getTime());

    // Abandoning after incorporating keeps what was reached.
    await move(complete, { to: 'abandoned', reason: 'Financement refusé' });
    const left = await settled<CohortStats>(path);
    expect(counts(left)).toEqual({
      registered: 6,
      completed: 4,
      incorporated: 2,
      operating: 0,
      abandoned: 2,
      onHold: 1,
      entrepreneurs: 17,
    });
    expect(left.startRate).toEqual(rateOf(2, 4));

    // Reaching en-activite counts as operating, incorporated and completed at once.
    await move(held, { to: 'reopen' });
    await move(held, { to: 'en-activite' });
    const operating = await settled<CohortStats>(path);
    expect(counts(operating)).toEqual({
      registered: 6,
      completed: 5,
      incorporated: 3,
      operating: 1,
      abandoned: 2,
      onHold: 0,
      entrepreneurs: 17,
    });
    expect(operating.startRate).toEqual(rateOf(3, 5));

    // The stored figures are what a computation now gives.
    const fresh = await get<CohortStats>(`${path}?fresh=true`);
    expect(fresh.pending).toBe(false);
    expect(withoutFreshness(fresh)).toEqual(withoutFreshness(operating));
  });

  it('reads pending: true or the new figures right after a move, and the new figures once pending is false', async () => {
    const cohort = await createCohort(t, token);
    const path = `/cohorts/${cohort.id}/stats`;
    const project = await enrol(cohort.id, 2);
    expect(counts(await settled<CohortStats>(path))).toMatchObject({ registered: 1, completed: 0 });

    await moveThrough(project, [{ to: 'formation' }, { to: 'formation-completee' }]);
    const right = await get<CohortStats>(path);
    // Either the worker has not caught up yet and says so, or it has and the figures are new.
    if (!right.pending) expect(right.completed).toBe(1);
    const caughtUp = await settled<CohortStats>(path);
    expect(counts(caughtUp)).toMatchObject({ registered: 1, completed: 1, incorporated: 0 });
    expect(caughtUp.startRate).toEqual(rateOf(0, 1));
  });

  it('gives a cohort with no completion a start rate of null, not 0', async () => {
    const cohort = await createCohort(t, token, { startsOn: '2022-05-04', endsOn: '2022-10-05' });
    const first = await enrol(cohort.id, 2);
    const second = await enrol(cohort.id, 3);
    await move(first, { to: 'formation' });
    await moveThrough(second, [{ to: 'formation' }, { to: 'abandoned', reason: 'Équipe dissoute' }]);

    const stats = await settled<CohortStats>(`/cohorts/${cohort.id}/stats`);
    expect(counts(stats)).toEqual({
      registered: 2,
      completed: 0,
      incorporated: 0,
      operating: 0,
      abandoned: 1,
      onHold: 0,
      entrepreneurs: 5,
    });
    expect(stats.startRate).toBeNull();
    expect(stats.completionRate).toEqual({ numerator: 0, denominator: 2, ratio: 0, percent: 0 });
    expect(stats.year).toBe('2022-2023');
  });

  it('gives an empty cohort zero counts and null rates', async () => {
    const cohort = await createCohort(t, token);
    const stats = await settled<CohortStats>(`/cohorts/${cohort.id}/stats`);
    expect(counts(stats)).toEqual({
      registered: 0,
      completed: 0,
      incorporated: 0,
      operating: 0,
      abandoned: 0,
      onHold: 0,
      entrepreneurs: 0,
    });
    expect(stats.startRate).toBeNull();
    expect(stats.completionRate).toBeNull();
  });

  it('sums the cohorts of a reporting year into the program-year figures (start rate over registered)', async () => {
    const spring = await createCohort(t, token, { startsOn: '2021-04-14', endsOn: '2021-09-15' });
    const autumn = await createCohort(t, token, { startsOn: '2021-10-06', endsOn: '2022-03-09' });
    const nextYear = await createCohort(t, token, { startsOn: '2022-04-01', endsOn: '2022-09-01' }); // 2022-2023, not counted
    const a = await enrol(spring.id, 3);
    const b = await enrol(spring.id, 2);
    const c = await enrol(autumn.id, 4);
    await enrol(autumn.id, 1);
    const outside = await enrol(nextYear.id, 6);
    await moveThrough(a, [{ to: 'formation' }, { to: 'formation-completee' }, { to: 'constitution' }]);
    await moveThrough(b, [{ to: 'formation' }, { to: 'formation-completee' }]);
    await moveThrough(c, [{ to: 'constitution' }]);
    await move(outside, { to: 'constitution' });

    const path = '/programs/parcours-coop/stats?year=2021-2022';
    const stats = await settled<ProgramStats>(path);
    expect(stats).toMatchObject({
      programCode: 'parcours-coop',
      year: '2021-2022',
      registered: 4,
      completed: 3,
      incorporated: 2,
      operating: 0,
      abandoned: 0,
      onHold: 0,
      entrepreneurs: 10,
      completionRate: rateOf(3, 4),
      startRate: rateOf(2, 4),
    });
    expect(
      stats.cohorts.map((x) => [x.cohortId, x.year, x.registered, x.completed, x.incorporated, x.startRate]),
    ).toEqual([
      [spring.id, '2021-2022', 2, 2, 1, rateOf(1, 2)],
      [autumn.id, '2021-2022', 2, 1, 1, rateOf(1, 1)],
    ]);

    const funnel = await settled<Funnel>('/programs/parcours-coop/funnel?year=2021-2022');
    expect(funnel.projects).toBe(4);
    expect(funnel.stages.map((s) => [s.code, s.reached, s.current])).toEqual([
      ['inscription', 4, 1],
      ['formation', 3, 0],
      ['formation-completee', 3, 1],
      ['constitution', 2, 2],
      ['en-activite', 0, 0],
    ]);

    for (const url of [path, '/programs/parcours-coop/funnel?year=2021-2022']) {
      const stored = await settled<Counts>(url);
      const fresh = await get<Counts>(`${url}&fresh=true`);
      expect(withoutFreshness(fresh)).toEqual(withoutFreshness(stored));
    }
  });

  describe('reporting year and unknown scopes', () => {
    const refused = async (path: string, status: number) => {
      const response = await t.http().get(path).set(bearer(token));
      expect({ path, status: response.status }).toEqual({ path, status });
      expectErrorShape(response.body, status);
      return response.body;
    };

    it('needs a year written YYYY-YYYY (400)', async () => {
      for (const kind of ['stats', 'funnel']) {
        const missing = await refused(`/programs/parcours-coop/${kind}`, 400);
        expect(missing.message).toMatch(/year/);
        await refused(`/programs/parcours-coop/${kind}?year=2023`, 400);
        await refused(`/programs/parcours-coop/${kind}?year=2023-2025`, 400);
        await refused(`/programs/parcours-coop/${kind}?year=2023-2024&fresh=maybe`, 400);
      }
    });

    it('answers 404 for an unknown program or cohort', async () => {
      for (const suffix of ['', '&fresh=true']) {
        await refused(`/programs/nowhere/stats?year=2023-2024${suffix}`, 404);
        await refused(`/programs/nowhere/funnel?year=2023-2024${suffix}`, 404);
      }
      await refused('/cohorts/999999/stats', 404);
      await refused('/cohorts/999999/stats?fresh=true', 404);
    });
  });

  it('says pending for every cohort of a program from the moment its stages change', async () => {
    const cohort = await createCohort(t, token, { startsOn: '2024-05-10', endsOn: '2024-10-11' });
    await enrol(cohort.id, 2);
    const before = await settled<Counts & { computedAt: string }>(`/cohorts/${cohort.id}/stats`);
    const admin = await t.tokenFor('admin');
    const changedAt = Date.now();
    await t
      .http()
      .patch('/programs/parcours-coop/stages/formation')
      .set(bearer(admin))
      .send({ labelEn: 'Training under way' })
      .expect(200);
    try {
      // Right after the change: either pending, or figures computed after it; never old figures that claim to be current.
      const after = await get<Counts & { computedAt: string }>(`/cohorts/${cohort.id}/stats`);
      expect(after.pending || new Date(after.computedAt).getTime() >= changedAt).toBe(true);
      expect(
        (await settled<Counts & { computedAt: string }>(`/cohorts/${cohort.id}/stats`)).computedAt > before.computedAt,
      ).toBe(true);
    } finally {
      await t
        .http()
        .patch('/programs/parcours-coop/stages/formation')
        .set(bearer(admin))
        .send({ labelEn: 'Training in progress' })
        .expect(200);
    }
  });
});
