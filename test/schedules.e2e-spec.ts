import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';
import { localDateOf } from '../src/common/time.js';
import { namedQuery } from '../src/database/named-query.js';

const queueOf = (t: TestApp, name: string) => t.app.get<Queue>(getQueueToken(name));

describe('daily schedules', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({
      FIGURES_RECOMPUTE_HOUR: '3',
      DIGEST_HOUR: '7',
      CHECK_IN_HOUR: '9',
      CONTACT_RETENTION_HOUR: '4',
    });
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  it('registers each daily schedule as one repeatable job at its local hour in Montréal', async () => {
    const repeatables = await until(async () => {
      const jobs = await queueOf(t, 'schedules').getRepeatableJobs();
      return jobs.length === 4 && jobs;
    });
    const byName = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(repeatables.map((r) => ({ id: r.id ?? '', cron: r.cron, tz: r.tz })).sort(byName)).toEqual([
      { id: 'cohort-check-ins', cron: '0 9 * * *', tz: 'America/Toronto' },
      { id: 'contact-retention', cron: '0 4 * * *', tz: 'America/Toronto' },
      { id: 'daily-digest', cron: '0 7 * * *', tz: 'America/Toronto' },
      { id: 'figures-recompute', cron: '0 3 * * *', tz: 'America/Toronto' },
    ]);
  });

  it('replaces the schedule, not adds one, when the hour changes', async () => {
    // A second process on the same queues with another hour: at its start it reconciles.
    const other = await startTestApp({
      QUEUE_PREFIX: t.config.queuePrefix,
      FIGURES_RECOMPUTE_HOUR: '3',
      DIGEST_HOUR: '6',
      CHECK_IN_HOUR: '9',
      CONTACT_RETENTION_HOUR: '4',
    });
    try {
      const repeatables = await until(async () => {
        const jobs = await queueOf(t, 'schedules').getRepeatableJobs();
        return jobs.some((job) => job.id === 'daily-digest' && job.cron === '0 6 * * *') && jobs;
      });
      expect(repeatables.filter((job) => job.id === 'daily-digest').map((job) => job.cron)).toEqual(['0 6 * * *']);
      expect(repeatables).toHaveLength(4);
    } finally {
      // Its own database goes with it; the queues stay, they are t's.
      await other.close();
    }
  });

  it('runs a tick once per Montréal day, however many times it fires', async () => {
    const ticks = queueOf(t, 'schedules');
    const figures = queueOf(t, 'figures');
    const fired = await Promise.all([1, 2, 3].map(() => ticks.add('schedule-tick', { schedule: 'figures-recompute' })));
    const results = await Promise.all(fired.map((job) => job.finished()));
    expect(results.filter((r: { enqueued: boolean }) => r.enqueued)).toHaveLength(1);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM schedule_runs');
    expect(Number(n)).toBe(1);
    const localDate = (results[0] as { localDate: string }).localDate;
    expect(await figures.getJob(`figures-recompute:${localDate}`)).not.toBeNull();
  });

  it("takes up a day whose tick died before enqueuing its job, in that tick's retry and no other", async () => {
    const ticks = queueOf(t, 'schedules');
    const followUps = queueOf(t, 'follow-ups');
    const localDate = localDateOf(new Date());
    // What a worker killed between claiming the day and adding its job leaves behind.
    await namedQuery(
      t.dataSource.manager,
      'INSERT INTO schedule_runs (name, local_date, started_at, claimed_by) VALUES (:name, :localDate, :now, :tickId)',
      { name: 'cohort-check-ins', localDate, now: new Date(), tickId: 'tick-that-died' },
    );
    const tick = async (jobId: string) =>
      (await (await ticks.add('schedule-tick', { schedule: 'cohort-check-ins' }, { jobId })).finished()) as {
        enqueued: boolean;
      };

    expect(await tick('another-tick')).toEqual(expect.objectContaining({ enqueued: false }));
    expect(await followUps.getJob(`cohort-check-ins:${localDate}`)).toBeNull();
    // Bull runs a stalled job again under its own id.
    await ticks.removeJobs('tick-that-died');
    expect(await tick('tick-that-died')).toEqual(expect.objectContaining({ enqueued: true }));
    expect(await followUps.getJob(`cohort-check-ins:${localDate}`)).not.toBeNull();
    const [run] = await t.dataSource.query("SELECT enqueued_at FROM schedule_runs WHERE name = 'cohort-check-ins'");
    expect(run.enqueued_at).not.toBeNull();
    await ticks.removeJobs('tick-that-died');
    expect(await tick('tick-that-died')).toEqual(expect.objectContaining({ enqueued: false }));
  });

  it('lets an admin run a schedule now, through the queue', async () => {
    const response = await t.http().post('/admin/schedules/figures-recompute/run').set(bearer(admin)).expect(201);
    expect(response.body).toEqual({ schedule: 'figures-recompute', jobId: expect.any(String) });
    const tick = await queueOf(t, 'schedules').getJob(response.body.jobId);
    expect(await tick!.finished()).toMatchObject({ enqueued: true });

    const unknown = await t.http().post('/admin/schedules/weekly-party/run').set(bearer(admin)).expect(404);
    expectErrorShape(unknown.body, 404);
    expect(unknown.body.message).toMatch(/figures-recompute/);
    await t
      .http()
      .post('/admin/schedules/figures-recompute/run')
      .set(bearer(await t.tokenFor('coordinator')))
      .expect(403);
  });
});

describe('the queue dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    const none = await t.http().get('/admin/queues').expect(401);
    expectErrorShape(none.body, 401);
    await t.http().get('/admin/queues').set(bearer('not-a-token')).expect(401);
    const coordinator = await t
      .http()
      .get('/admin/queues')
      .set(bearer(await t.tokenFor('coordinator')))
      .expect(403);
    expect(coordinator.body.message).toMatch(/for admins/);
  });

  it('shows Bull Board to an admin, by header or through the token-for-cookie exchange a browser uses', async () => {
    const admin = await t.tokenFor('admin');
    const page = await t.http().get('/admin/queues').set(bearer(admin)).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);

    const exchange = await t.http().get(`/admin/queues?token=${admin}`).expect(303);
    expect(exchange.headers.location).toBe('/admin/queues');
    const cookie = String(exchange.headers['set-cookie']).split(';')[0];
    expect(String(exchange.headers['set-cookie'])).toMatch(/HttpOnly/);
    await t.http().get('/admin/queues').set('cookie', cookie).expect(200);

    const queues = await t.http().get('/admin/queues/api/queues').set('cookie', cookie).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'figures',
      'follow-ups',
      'mail',
      'schedules',
    ]);
  });
});
