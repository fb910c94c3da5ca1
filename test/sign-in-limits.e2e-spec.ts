import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { freePort, PrivateRedis } from './support/private-redis.js';
import { eventually, until } from './support/until.js';
import { ADMIN, bearer, expectErrorShape, startSecondWorker, startTestApp, type TestApp } from './support/test-app.js';

// Each test signs in from addresses of its own (X-Forwarded-For, with TRUST_PROXY=true), so the
// per-address counts of one test do not reach another's.

type Http = () => ReturnType<typeof request>;

const signIn = (http: Http, address: string, body: { email: string; password: string }) =>
  http().post('/auth/login').set('x-forwarded-for', address).send(body);

const unknownAccount = (n: number) => ({ email: `nobody-${n}@flood.example`, password: `guess-${n}` });

/** A 429 as a client sees it: the error shape, the limit named, and a Retry-After within the minute. */
function expectRefused(response: request.Response, limit: RegExp) {
  expect(response.status).toBe(429);
  expectErrorShape(response.body, 429);
  expect(response.body.message).toMatch(limit);
  expect(response.body).not.toHaveProperty('accessToken');
  expect(response.headers['retry-after']).toMatch(/^\d+$/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
}

async function createUser(t: TestApp, email: string, password: string) {
  await t
    .http()
    .post('/users')
    .set(bearer(await t.tokenFor('admin')))
    .send({ email, password, name: email, role: 'advisor' })
    .expect(201);
}

describe('sign-in limits', () => {
  // These tests are about counting across processes, not about the bound on Redis (the tests with
  // Redis away check that): a busy test machine must not push a count into memory.
  const LIMITS = {
    LOGIN_ATTEMPTS_PER_MINUTE: '3',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '8',
    TRUST_PROXY: 'true',
    SIGN_IN_REDIS_TIMEOUT_MS: '1000',
  };
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(LIMITS);
  });
  afterAll(() => t.close());

  it('refuses a flood of sign-ins with made-up e-mails from one address with 429 past the address limit', async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 8; n++) statuses.push((await signIn(t.http, '203.0.113.7', unknownAccount(n))).status);
    expect(statuses).toEqual(Array(8).fill(401));
    for (let n = 9; n <= 12; n++) {
      expectRefused(await signIn(t.http, '203.0.113.7', unknownAccount(n)), /from this address/);
    }
    // Even the right password for a real account, from that address, waits for the window to end.
    expectRefused(await signIn(t.http, '203.0.113.7', ADMIN), /from this address/);

    // Someone else, from another address, signs in as usual.
    const other = await signIn(t.http, '198.51.100.20', ADMIN).expect(200);
    expect(other.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
  });

  it('limits an account whatever the addresses the attempts come from', async () => {
    const target = { email: 'target@test.example', password: 'target-password-123' };
    await createUser(t, target.email, target.password);
    for (const [n, address] of ['192.0.2.1', '192.0.2.2', '192.0.2.3'].entries()) {
      const response = await signIn(t.http, address, { ...target, password: `wrong-${n}` });
      expect({ address, status: response.status }).toEqual({ address, status: 401 });
    }
    expectRefused(await signIn(t.http, '192.0.2.4', target), /for this account/);
    // The same account written in another case is the same account.
    const otherCase = { ...target, email: target.email.toUpperCase() };
    expectRefused(await signIn(t.http, '192.0.2.5', otherCase), /for this account/);
    // Another account from those addresses is not held back.
    await signIn(t.http, '192.0.2.4', unknownAccount(50)).expect(401);
  });

  it('counts in Redis, as /health says', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.signInLimits).toEqual({ store: 'redis', perAccountPerMinute: 3, perAddressPerMinute: 8 });
  });

  describe('with two api processes', () => {
    let second: NestFastifyApplication;
    let secondHttp: Http;

    beforeAll(async () => {
      second = await startSecondWorker(t, { ROLE: 'api', ...LIMITS });
      const server = second.getHttpServer();
      secondHttp = () => request(server);
      // A process counts in memory until its connection to Redis is up.
      await until(async () => (await secondHttp().get('/health')).body.signInLimits?.store === 'redis');
    });
    afterAll(() => second.close());

    it('refuses attempts from one address split between them at the same total as one process would', async () => {
      const processes = [t.http, secondHttp];
      for (let n = 1; n <= 8; n++) {
        const response = await signIn(processes[n % 2], '203.0.113.50', unknownAccount(100 + n));
        expect({ n, status: response.status }).toEqual({ n, status: 401 });
      }
      expectRefused(await signIn(t.http, '203.0.113.50', unknownAccount(109)), /from this address/);
      expectRefused(await signIn(secondHttp, '203.0.113.50', unknownAccount(110)), /from this address/);
    });

    it('refuses attempts for one account split between them at the same total as one process would', async () => {
      const shared = { email: 'shared@test.example', password: 'shared-password-123' };
      await createUser(t, shared.email, shared.password);
      await signIn(t.http, '192.0.2.60', { ...shared, password: 'wrong-1' }).expect(401);
      await signIn(secondHttp, '192.0.2.61', { ...shared, password: 'wrong-2' }).expect(401);
      await signIn(t.http, '192.0.2.62', { ...shared, password: 'wrong-3' }).expect(401);
      expectRefused(await signIn(secondHttp, '192.0.2.63', shared), /for this account/);
      expectRefused(await signIn(t.http, '192.0.2.64', shared), /for this account/);
    });
  });
});

describe('sign-ins sent all at once from one address', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The test app's per-minute limits are high: only the attempts' turns hold them back here.
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('checks them in turn, refuses those past the waiting line with 429, and lets another address in', async () => {
    // Another user signs in from another address in the middle of the burst.
    const requests = [...Array(60).keys()].map((n) => signIn(t.http, '203.0.113.120', unknownAccount(300 + n)));
    requests.splice(30, 0, signIn(t.http, '198.51.100.121', ADMIN));
    const responses = await Promise.all(requests);
    const [other] = responses.splice(30, 1);
    expect(other.status).toBe(200);

    const refused = responses.filter((response) => response.status === 429);
    expect(responses.filter((response) => response.status !== 429).map((response) => response.status)).toEqual(
      Array(60 - refused.length).fill(401),
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) expectRefused(response, /at once from this address/);
    expect(refused.every((response) => response.headers['retry-after'] === '1')).toBe(true);
  });
});

describe('sign-in limits while Redis is away or slow', () => {
  let redis: PrivateRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp({
      ROLE: 'api',
      REDIS_URL: redis.url,
      TRUST_PROXY: 'true',
      LOGIN_ATTEMPTS_PER_MINUTE: '3',
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '5',
    });
  }, 60_000);

  afterAll(async () => {
    try {
      // Closing the queues wants a Redis that answers.
      redis.resume();
      if (!redis.running) await redis.start();
      await t?.close();
    } finally {
      await redis?.stop();
      redis?.cleanUp();
    }
  }, 60_000);

  const signInLimits = async () => (await t.http().get('/health').expect(200)).body.signInLimits;

  /** Signs in once, and how long the answer took: a sign-in must never wait on Redis. */
  const timedSignIn = async (address: string, body: { email: string; password: string }) => {
    const started = performance.now();
    const response = await signIn(t.http, address, body);
    return { response, ms: performance.now() - started };
  };

  it('answers sign-ins while Redis is frozen, counts them in memory, and says so in /health', async () => {
    // On a loaded machine the limiter's own connection may still be connecting when the app is up.
    await until(async () => (await signInLimits()).store === 'redis', 10_000).catch(() => undefined);
    expect(await signInLimits()).toMatchObject({ store: 'redis' });
    redis.freeze();
    try {
      const answers = [];
      for (let n = 1; n <= 7; n++) answers.push(await timedSignIn('203.0.113.90', unknownAccount(200 + n)));
      expect(answers.map(({ response }) => response.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expectRefused(answers[5].response, /from this address/);
      // Well under two seconds each: nothing waits for the frozen Redis (a sign-in takes a few tenths of a second).
      for (const { ms } of answers) expect(ms).toBeLessThan(2_000);
      expect(await signInLimits()).toEqual({
        store: 'memory',
        perAccountPerMinute: 3,
        perAddressPerMinute: 5,
        reason: expect.stringMatching(/longer than 50 ms|timed out/i),
      });
    } finally {
      redis.resume();
    }
  });

  it('answers sign-ins while Redis is down, limits them in memory, and counts in Redis once it is back', async () => {
    await redis.stop();
    await eventually(async () => {
      expect(await signInLimits()).toMatchObject({
        store: 'memory',
        reason: expect.stringMatching(/Redis is not connected/),
      });
    });

    const target = { email: 'target@test.example', password: 'target-password-123' };
    await createUser(t, target.email, target.password);
    for (let n = 1; n <= 3; n++) {
      const { response, ms } = await timedSignIn(`192.0.2.${100 + n}`, { ...target, password: `wrong-${n}` });
      expect({ n, status: response.status }).toEqual({ n, status: 401 });
      expect(ms).toBeLessThan(2_000);
    }
    expectRefused((await timedSignIn('192.0.2.104', target)).response, /for this account/);

    await redis.start();
    await eventually(async () => expect(await signInLimits()).toMatchObject({ store: 'redis' }), { timeoutMs: 10_000 });
    await signIn(t.http, '198.51.100.30', ADMIN).expect(200);
    expect(await signInLimits()).toEqual({ store: 'redis', perAccountPerMinute: 3, perAddressPerMinute: 5 });
  });
});
