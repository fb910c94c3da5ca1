import type { Server } from 'node:http';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import parsePrometheusTextFormat, { type ParsedFamily, type ParsedSample } from 'parse-prometheus-text-format';
import { startWorkerProbe } from '../src/health/worker-probe.js';
import { Metrics } from '../src/metrics/metrics.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { createCohort, createProject } from './support/fixtures.js';
import { eventually } from './support/until.js';
import { freePort } from './support/private-redis.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

type Families = Map<string, ParsedFamily>;

/**
 * The families of a scrape by name. The parser folds every labelled series of a histogram into one
 * sample without labels, so its `_bucket`, `_sum` and `_count` series are also read on their own
 * (as if untyped), each sample with its labels: `samples(families, 'x_count', labels)`.
 */
function parse(text: string): Families {
  const typed = parsePrometheusTextFormat(text);
  const flat = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'));
  const families: Families = new Map();
  // Read untyped, the series of one histogram come as many families of one name (one per label set).
  for (const family of flat) {
    const seen = families.get(family.name);
    if (seen) seen.metrics.push(...family.metrics);
    else families.set(family.name, family);
  }
  for (const family of typed) families.set(family.name, family);
  return families;
}

/** The samples of a family whose labels include these. */
function samples(families: Families, name: string, labels: Record<string, string> = {}): ParsedSample[] {
  const family = families.get(name);
  if (!family) throw new Error(`no series ${name}`);
  return family.metrics.filter((sample) =>
    Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value),
  );
}

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: '' });
  });
  afterAll(() => t.close());

  it('answers 404 and exposes nothing, whatever the Authorization header', async () => {
    for (const header of [undefined, `Bearer ${TOKEN}`, 'Bearer ']) {
      const call = t.http().get('/metrics');
      const response = await (header ? call.set('authorization', header) : call).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(response.text).not.toContain('coop_');
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    token = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<Families> => {
    const response = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(response.text);
  };

  it('refuses a missing or wrong token, and a user access token, with 401', async () => {
    const adminToken = await t.tokenFor('admin');
    for (const header of [
      undefined,
      'Bearer ',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer wrong`,
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${adminToken}`,
    ]) {
      const call = t.http().get('/metrics');
      const response = await (header ? call.set('authorization', header) : call);
      expect({ header, status: response.status }).toEqual({ header, status: 401 });
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.text).not.toContain('coop_');
    }
  });

  it('times HTTP requests by method, route template and status, unmatched routes under one label', async () => {
    const project = await createProject(t, token);
    await t.http().get(`/projects/${project.id}`).set(bearer(token)).expect(200);
    await t
      .http()
      .get(`/projects/${project.id + 1000}`)
      .set(bearer(token))
      .expect(404);
    await t.http().get('/no-such-route/42').expect(404);
    await t.http().get('/no-such-route/43').expect(404);

    const families = await scrape();
    const name = 'coop_http_request_duration_seconds';
    expect(families.get(name)?.type).toBe('HISTOGRAM');
    const count = (labels: Record<string, string>) =>
      samples(families, `${name}_count`, labels).map((sample) => Number(sample.value));
    expect(count({ method: 'GET', route: '/projects/:id', status: '200' })).toEqual([1]);
    expect(count({ method: 'GET', route: '/projects/:id', status: '404' })).toEqual([1]);
    expect(count({ method: 'GET', route: '(unmatched)', status: '404' })).toEqual([2]);
    expect(count({ method: 'POST', route: '/projects', status: '201' })).toEqual([1]);
    expect(count({ method: 'POST', route: '/projects/:id' })).toEqual([]);
    expect(samples(families, `${name}_bucket`, { route: '/projects/:id', status: '200', le: '+Inf' })).toHaveLength(1);
    // Never the raw URL.
    const routes = families.get(`${name}_count`)!.metrics.map((sample) => sample.labels?.route ?? '');
    expect(routes.filter((route) => /\d/.test(route))).toEqual([]);
  });

  it('counts the jobs of every queue by state, and the default process series', async () => {
    const families = await scrape();
    for (const queue of Object.values(QUEUES)) {
      for (const state of ['waiting', 'active', 'failed', 'delayed']) {
        const found = samples(families, 'coop_queue_jobs', { queue, state });
        expect({ queue, state, found: found.length }).toEqual({ queue, state, found: 1 });
        expect(Number(found[0].value)).toBeGreaterThanOrEqual(0);
      }
    }
    expect(families.get('coop_process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(families.has('coop_nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('times the jobs that ran, by queue and job name, once a move has its figures computed', async () => {
    const cohort = await createCohort(t, token);
    const project = await createProject(t, token, { programCode: 'parcours-coop', cohortId: cohort.id });
    await t.http().post(`/projects/${project.id}/transitions`).set(bearer(token)).send({ to: 'formation' }).expect(201);

    const families = await eventually(async () => {
      const scraped = await scrape();
      const [runs] = samples(scraped, 'coop_job_duration_seconds_count', { queue: 'figures', job: 'recompute-scope' });
      expect(Number(runs?.value ?? 0)).toBeGreaterThan(0);
      expect(Number(samples(scraped, 'coop_figures_pending_scopes')[0].value)).toBe(0);
      return scraped;
    });
    expect(families.get('coop_job_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(families.get('coop_job_failures_total')?.type).toBe('COUNTER');
    expect(Number(samples(families, 'coop_figures_oldest_pending_seconds')[0].value)).toBe(0);
  });

  it('counts the failed attempts of a job by queue and job name', async () => {
    // A job no handler takes fails at once: one attempt, then gone.
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.figures));
    await queue.add('metrics-test-failure', {}, { attempts: 1, removeOnFail: true });
    await eventually(async () => {
      const families = await scrape();
      const labels = { queue: QUEUES.figures, job: 'metrics-test-failure' };
      expect(samples(families, 'coop_job_failures_total', labels).map((sample) => Number(sample.value))).toEqual([1]);
      expect(samples(families, 'coop_job_duration_seconds_count', labels).map((s) => Number(s.value))).toEqual([1]);
    });
  });

  it('shows the oldest pending figure work and the e-mail by status', async () => {
    // Figure work a year old that no worker will pick up: a scope that does not exist, handed over already.
    await t.dataSource.query(
      `INSERT INTO figure_dirty_marks (scope, generation, computed_generation, handed_generation, pending_since, hand_count)
       VALUES ('metrics-test', 2, 1, 2, '2025-01-01 00:00:00.000', 1)`,
    );
    try {
      const families = await scrape();
      expect(Number(samples(families, 'coop_figures_pending_scopes')[0].value)).toBeGreaterThanOrEqual(1);
      expect(Number(samples(families, 'coop_figures_oldest_pending_seconds')[0].value)).toBeGreaterThan(300 * 86_400);
      for (const status of ['pending', 'sent', 'failed']) {
        const [found] = samples(families, 'coop_mail_notifications', { status });
        expect(Number(found.value)).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await t.dataSource.query(`DELETE FROM figure_dirty_marks WHERE scope = 'metrics-test'`);
    }
  });
});

describe("a worker's probe server", () => {
  let t: TestApp;
  const servers: Server[] = [];

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await t.close();
  });

  const start = async (token: string | null) => {
    const port = await freePort();
    servers.push(await startWorkerProbe(port, { registry: t.app.get(Metrics).registry, token }));
    return (path: string, authorization?: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, { headers: authorization ? { authorization } : {} });
  };

  it('serves /metrics with the same token rule, beside /health/live', async () => {
    const get = await start(TOKEN);
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', 'Bearer wrong')).status).toBe(401);
    const response = await get('/metrics', `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parse(await response.text());
    expect(families.has('coop_process_cpu_user_seconds_total')).toBe(true);
    expect(samples(families, 'coop_queue_jobs', { queue: QUEUES.figures, state: 'waiting' })).toHaveLength(1);
    expect(families.has('coop_mail_notifications')).toBe(true);
  });

  it('answers 404 on /metrics without a token configured', async () => {
    const get = await start(null);
    const response = await get('/metrics', `Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('coop_');
    expect((await get('/health/live')).status).toBe(200);
  });
});

describe('GET /metrics while Redis is away', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is away from the start.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it('answers quickly, leaving the queues out and keeping what the database says', async () => {
    const started = Date.now();
    const response = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    const families = parse(response.text);
    expect(families.get('coop_queue_jobs')?.metrics ?? []).toEqual([]);
    expect(samples(families, 'coop_mail_notifications', { status: 'pending' })).toHaveLength(1);
    expect(samples(families, 'coop_figures_pending_scopes')).toHaveLength(1);
  });
});
