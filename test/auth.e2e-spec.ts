import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { JwtService } from '@nestjs/jwt';
import { DOCUMENT_FILE } from '../src/openapi/contract-files.js';
import { ADMIN, PASSWORD, bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const PUBLIC_ROUTES: [Method, string][] = [
  ['post', '/auth/login'],
  ['post', '/auth/password-reset'],
  ['get', '/health'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
  // The secret is in the address: a calendar application sends no token.
  ['get', '/calendar/{file}'],
];

/**
 * Every route the committed contract documents (test/openapi.e2e-spec.ts holds it to what the code
 * serves): each one but the public ones needs a token, and the 401 comes before any lookup. A new
 * route is tried here without anyone listing it; a new public one must be listed above.
 */
const DOCUMENTED_ROUTES: [Method, string][] = Object.entries(
  (JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as { paths: Record<string, Record<string, unknown>> }).paths,
).flatMap(([path, operations]) => Object.keys(operations).map((method): [Method, string] => [method as Method, path]));
const isPublic = ([method, path]: [Method, string]) => PUBLIC_ROUTES.some(([m, p]) => m === method && p === path);
const PROTECTED_ROUTES = DOCUMENTED_ROUTES.filter((route) => !isPublic(route));

const PATH_VALUES: Record<string, string> = {
  id: '1',
  contactId: '1',
  code: 'demarrage',
  stageCode: 'premier-contact',
  programCode: 'demarrage',
  name: 'figures-recompute',
};
const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name]);

const base64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('sign-in and tokens', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: number;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.tokenFor('admin');
    adminId = await t.userIdFor('admin');
  });
  afterAll(() => t.close());

  const login = (body: unknown) =>
    t
      .http()
      .post('/auth/login')
      .send(body as object);

  describe('POST /auth/login', () => {
    it('answers 200 with an access token, its type and its lifetime, and the token identifies the user', async () => {
      const response = await login({ email: ADMIN.email, password: ADMIN.password }).expect(200);
      expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: '12h' });
      expect(response.body.accessToken.split('.')).toHaveLength(3);

      const me = await t.http().get('/users/me').set(bearer(response.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: adminId, email: ADMIN.email, role: 'admin' });
    });

    it('refuses a wrong password with 401', async () => {
      const response = await login({ email: ADMIN.email, password: 'not-the-password' }).expect(401);
      expectErrorShape(response.body, 401);
      expect(response.body).not.toHaveProperty('accessToken');
    });

    it('refuses an unknown e-mail with 401 and the same message as a wrong password', async () => {
      const unknown = await login({ email: 'nobody@test.example', password: ADMIN.password }).expect(401);
      expectErrorShape(unknown.body, 401);
      const wrongPassword = await login({ email: ADMIN.email, password: 'not-the-password' }).expect(401);
      expect(unknown.body.message).toBe(wrongPassword.body.message);
    });

    it.each([
      ['an empty body', {}, ['email', 'password']],
      ['no password', { email: ADMIN.email }, ['password']],
      ['no e-mail', { password: ADMIN.password }, ['email']],
      ['a number as e-mail', { email: 42, password: ADMIN.password }, ['email']],
      ['something that is not an e-mail', { email: 'admin', password: ADMIN.password }, ['email']],
      ['a number as password', { email: ADMIN.email, password: 1234567890 }, ['password']],
      ['an array as password', { email: ADMIN.email, password: [ADMIN.password] }, ['password']],
    ])('refuses %s with 400 naming the fields', async (_label, body, fields) => {
      const response = await login(body).expect(400);
      expectErrorShape(response.body, 400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([...fields].sort());
    });

    it('treats the e-mail without regard to case', async () => {
      const response = await login({ email: 'ADMIN@Test.EXAMPLE', password: ADMIN.password }).expect(200);
      const me = await t.http().get('/users/me').set(bearer(response.body.accessToken)).expect(200);
      expect(me.body.id).toBe(adminId);
    });

    it('signs in a user created with a mixed-case e-mail, whatever case they type', async () => {
      await t
        .http()
        .post('/users')
        .set(bearer(adminToken))
        .send({ email: 'Camille.Roy@Test.Example', password: PASSWORD, name: 'Camille Roy', role: 'viewer' })
        .expect(201);
      await login({ email: 'camille.roy@test.example', password: PASSWORD }).expect(200);
      await login({ email: 'CAMILLE.ROY@TEST.EXAMPLE', password: PASSWORD }).expect(200);
      await login({ email: 'camille.roy@test.example', password: PASSWORD.toUpperCase() }).expect(401);
    });
  });

  describe('routes that need a token', () => {
    it('tries every route the API serves, and the public ones it names exist', async () => {
      const document = await t.http().get('/docs-json').expect(200);
      const served = Object.entries(document.body.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
        .sort();
      const tried = [...PROTECTED_ROUTES, ...PUBLIC_ROUTES].map(([method, path]) => `${method} ${path}`).sort();
      expect(tried).toEqual(served);
      expect(PROTECTED_ROUTES.length).toBeGreaterThan(50);
    });

    describe.each(PROTECTED_ROUTES)('%s %s', (method, template) => {
      const call = () => t.http()[method](fill(template));

      it('refuses a request without a token with 401', async () => {
        const response = await call().expect(401);
        expectErrorShape(response.body, 401);
      });

      it('refuses a malformed Authorization header with 401', async () => {
        const token = adminToken;
        for (const header of [
          'Bearer',
          'Bearer ',
          `Token ${token}`,
          `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString('base64')}`,
          `Bearer${token}`,
          token,
        ]) {
          const response = await call().set('authorization', header);
          expect({ header, status: response.status }).toEqual({ header, status: 401 });
          expectErrorShape(response.body, 401);
        }
      });

      it('refuses a forged, tampered, expired or garbage token with 401', async () => {
        const claimsOf = (token: string): Record<string, unknown> => {
          const { sub, role, tv, jti } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
            string,
            unknown
          >;
          return { sub, role, tv, jti };
        };
        const now = Math.floor(Date.now() / 1000);
        const otherSecret = new JwtService({ secret: 'someone-else-s-secret-that-is-long-enough-1234' });
        const realSecret = new JwtService({ secret: t.config.jwtSecret });
        const [header, , signature] = adminToken.split('.');
        const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: adminId, role: 'admin', iat: now, exp: now + 3600 })}.`;
        const hs256Header = base64url({ alg: 'HS256', typ: 'JWT' });
        const guessedPayload = base64url({ sub: adminId, role: 'admin', iat: now, exp: now + 3600 });
        const tokens: Record<string, string> = {
          'signed with another secret': await otherSecret.signAsync({ sub: adminId, role: 'admin' }),
          'alg none': unsigned,
          'payload swapped under a real signature': `${header}.${base64url({ sub: adminId, role: 'admin', iat: now, exp: now + 36000 })}.${signature}`,
          'signature cut off': `${header}.${adminToken.split('.')[1]}.`,
          'signed with a guessed secret': `${hs256Header}.${guessedPayload}.${createHmac('sha256', 'secret').update(`${hs256Header}.${guessedPayload}`).digest('base64url')}`,
          expired: await realSecret.signAsync({ sub: adminId, role: 'admin', iat: now - 7200, exp: now - 3600 }),
          'for a user that does not exist': await realSecret.signAsync({ sub: 987654, role: 'admin' }),
          // Every claim of the real token, and the real secret, but an algorithm the service does not sign with.
          'signed with HS512': await realSecret.signAsync(claimsOf(adminToken), { algorithm: 'HS512' }),
          garbage: 'not-a-token',
          'three garbage parts': 'abc.def.ghi',
        };
        for (const [kind, token] of Object.entries(tokens)) {
          const response = await call().set(bearer(token));
          expect({ kind, status: response.status }).toEqual({ kind, status: 401 });
          expectErrorShape(response.body, 401);
        }
      });
    });

    it('answers /health without a token', async () => {
      const response = await t.http().get('/health').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    });

    it('leaves GET /metrics, outside the document, to METRICS_TOKEN: no user token opens it', async () => {
      const document = await t.http().get('/docs-json').expect(200);
      expect(Object.keys(document.body.paths as object)).not.toContain('/metrics');
      // This app has no METRICS_TOKEN: /metrics answers 404 to everyone, an admin too
      // (test/metrics.e2e-spec.ts checks the token when there is one).
      for (const call of [() => t.http().get('/metrics'), () => t.http().get('/metrics').set(bearer(adminToken))]) {
        const response = await call().expect(404);
        expectErrorShape(response.body, 404);
      }
    });
  });

  describe('a deactivated account', () => {
    it('gets 401 with the token it had, cannot sign in again, and works again once reactivated', async () => {
      const token = await t.tokenFor('advisor', 'leaving-advisor');
      const id = await t.userIdFor('advisor', 'leaving-advisor');
      const email = (await t.http().get('/users/me').set(bearer(token)).expect(200)).body.email;
      await t.http().get('/projects').set(bearer(token)).expect(200);

      const deactivated = await t
        .http()
        .patch(`/users/${id}`)
        .set(bearer(adminToken))
        .send({ active: false })
        .expect(200);
      expect(deactivated.body).toMatchObject({ id, active: false });

      for (const [method, path] of [
        ['get', '/users/me'],
        ['get', '/projects'],
        ['post', '/projects'],
      ] as const) {
        const response = await t.http()[method](path).set(bearer(token));
        expect({ path, status: response.status }).toEqual({ path, status: 401 });
        expectErrorShape(response.body, 401);
      }
      const again = await login({ email, password: PASSWORD }).expect(401);
      expectErrorShape(again.body, 401);

      await t.http().patch(`/users/${id}`).set(bearer(adminToken)).send({ active: true }).expect(200);
      await t.http().get('/users/me').set(bearer(token)).expect(200);
      await login({ email, password: PASSWORD }).expect(200);
    });
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  const target = { email: 'target@test.example', password: 'target-password-123' };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: '3' });
    // One admin sign-in out of three; the target is created without signing in.
    const admin = await t.tokenFor('admin');
    await t
      .http()
      .post('/users')
      .set(bearer(admin))
      .send({ ...target, name: 'Target', role: 'advisor' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('refuses the 4th attempt for one e-mail with 429 and Retry-After, even with the right password', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await t
        .http()
        .post('/auth/login')
        .send({ email: target.email, password: `wrong-${attempt}` });
      expect({ attempt, status: response.status }).toEqual({ attempt, status: 401 });
    }
    const fourth = await t.http().post('/auth/login').send(target).expect(429);
    expectErrorShape(fourth.body, 429);
    expect(fourth.body).not.toHaveProperty('accessToken');
    const retryAfter = fourth.headers['retry-after'];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);

    // The same address written in another case is the same account.
    const otherCase = await t
      .http()
      .post('/auth/login')
      .send({ ...target, email: target.email.toUpperCase() })
      .expect(429);
    expectErrorShape(otherCase.body, 429);
    expect(otherCase.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('still lets another e-mail through', async () => {
    const response = await t.http().post('/auth/login').send(ADMIN).expect(200);
    expect(response.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
    await t
      .http()
      .post('/auth/login')
      .send({ email: 'someone-else@test.example', password: 'whatever-123' })
      .expect(401);
  });
});
