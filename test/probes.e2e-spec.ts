import { startTestApp, type TestApp } from './support/test-app.js';

describe('probes for an orchestrator', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness without a token', async () => {
    expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('is not ready while a migration has not run, and ready again once it has', async () => {
    const [last] = await t.dataSource.query<{ id: number; timestamp: number | string; name: string }[]>(
      'SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1',
    );
    await t.dataSource.query(`DELETE FROM migrations WHERE id = ${Number(last.id)}`);
    try {
      const response = await t.http().get('/health/ready').expect(503);
      expect(response.body).toEqual({ status: 'unready', reason: 'migrations have not all run' });
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    } finally {
      await t.dataSource.query(
        `INSERT INTO migrations (id, timestamp, name) VALUES (${Number(last.id)}, ${Number(last.timestamp)}, '${last.name}')`,
      );
    }
    await t.http().get('/health/ready').expect(200);
  });
});

describe('probes when Redis is away', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is away from the start.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('stays ready (the api is degraded, not unable to serve) while /health says degraded', async () => {
    expect((await t.http().get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
    expect((await t.http().get('/health').expect(200)).body).toMatchObject({ status: 'degraded' });
  });
});
