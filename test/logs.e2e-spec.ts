import { ADMIN, PASSWORD, bearer, startTestApp, type TestApp } from './support/test-app.js';
import { projectBody } from './support/fixtures.js';

type Line = Record<string, unknown> & { level: number; msg?: string };

const INFO = 30;
const WARN = 40;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('log lines', () => {
  let t: TestApp;
  const lines: Line[] = [];
  const stream = {
    write(chunk: string) {
      for (const text of chunk.split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
    },
  };
  /** Secrets sent during the tests: none may appear in any line. */
  const secrets: string[] = [];

  /** The access line is written once the response has gone: wait for it. */
  async function lineWhere(predicate: (line: Line) => boolean): Promise<Line> {
    for (let waited = 0; waited < 3000; waited += 20) {
      const found = lines.find(predicate);
      if (found) return found;
      await new Promise((done) => setTimeout(done, 20));
    }
    throw new Error(`no such line among:\n${lines.map((line) => JSON.stringify(line)).join('\n')}`);
  }
  const accessLine = (requestId: string) => lineWhere((line) => line.msg === 'request' && line.requestId === requestId);

  beforeAll(async () => {
    // Three sign-ins per account a minute, so that a fourth is refused.
    t = await startTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: '3', LOG_LEVEL: 'info' }, { logStream: stream });
  });
  afterAll(() => t.close());

  it('keeps a plain X-Request-Id, sends it back and writes it on the access line', async () => {
    const token = await t.tokenFor('coordinator');
    const userId = await t.userIdFor('coordinator');
    secrets.push(token);
    const response = await t.http().get('/projects/12345').set(bearer(token)).set('X-Request-Id', 'trace-42.abc_Z');
    expect(response.status).toBe(404);
    expect(response.headers['x-request-id']).toBe('trace-42.abc_Z');
    const line = await accessLine('trace-42.abc_Z');
    expect(line).toEqual(
      expect.objectContaining({
        level: INFO,
        method: 'GET',
        route: '/projects/:id',
        status: 404,
        durationMs: expect.any(Number),
        userId,
      }),
    );
    expect(JSON.stringify(line)).not.toContain('12345');
  });

  it('makes a new id when the one given is not plain or too long', async () => {
    for (const given of ['two words', 'x'.repeat(65), 'a\\b<script>']) {
      const response = await t.http().get('/health/live').set('X-Request-Id', given).expect(200);
      const id = response.headers['x-request-id'];
      expect(id).toMatch(UUID);
      expect((await accessLine(id)).route).toBe('/health/live');
      expect(lines.some((line) => JSON.stringify(line).includes(given))).toBe(false);
    }
    const none = await t.http().get('/health/live').expect(200);
    expect(none.headers['x-request-id']).toMatch(UUID);
  });

  it("puts the request's id on the lines a service writes during the request", async () => {
    const userId = await t.userIdFor('advisor');
    const admin = await t.tokenFor('admin');
    secrets.push(admin);
    await t
      .http()
      .post(`/users/${userId}/password-reset`)
      .set(bearer(admin))
      .set('X-Request-Id', 'reset-start-1')
      .expect(202);
    const serviceLine = await lineWhere(
      (line) => line.context === 'PasswordResets' && line.requestId === 'reset-start-1',
    );
    expect(serviceLine).toEqual(
      expect.objectContaining({ level: INFO, msg: expect.stringContaining(`user ${userId}`) }),
    );
    expect(await accessLine('reset-start-1')).toEqual(
      expect.objectContaining({ route: '/users/:id/password-reset', status: 202 }),
    );
  });

  it('writes refused sign-ins and refused permissions at warn', async () => {
    const wrong = 'not-the-password-77';
    secrets.push(wrong, ADMIN.password, PASSWORD);
    await t
      .http()
      .post('/auth/login')
      .set('X-Request-Id', 'bad-login')
      .send({ email: ADMIN.email, password: wrong })
      .expect(401);
    expect(await accessLine('bad-login')).toEqual(
      expect.objectContaining({ level: WARN, method: 'POST', route: '/auth/login', status: 401 }),
    );

    let refused = false;
    for (let attempt = 0; attempt < 6 && !refused; attempt += 1) {
      const id = `flood-${attempt}`;
      const response = await t
        .http()
        .post('/auth/login')
        .set('X-Request-Id', id)
        .send({ email: 'nobody@test.example', password: wrong });
      if (response.status === 429) {
        refused = true;
        expect(await accessLine(id)).toEqual(expect.objectContaining({ level: WARN, status: 429 }));
      }
    }
    expect(refused).toBe(true);

    const viewer = await t.tokenFor('viewer');
    secrets.push(viewer);
    await t.http().get('/users').set(bearer(viewer)).set('X-Request-Id', 'not-allowed').expect(403);
    expect(await accessLine('not-allowed')).toEqual(
      expect.objectContaining({ level: WARN, route: '/users', status: 403, userId: await t.userIdFor('viewer') }),
    );

    // A signed-out request that is refused elsewhere than the sign-in is no warning.
    await t.http().get('/users/me').set('X-Request-Id', 'no-token').expect(401);
    expect((await accessLine('no-token')).level).toBe(INFO);
  });

  it('never writes passwords, tokens, Authorization headers or contacts’ e-mail addresses', async () => {
    const admin = await t.tokenFor('admin');
    const contactEmail = 'camille.secret-contact@example.org';
    secrets.push(contactEmail);
    const created = await t
      .http()
      .post('/projects')
      .set(bearer(admin))
      .send(projectBody({ contacts: [{ name: 'Camille Roy', email: contactEmail }] }))
      .expect(201);
    await t
      .http()
      .get(`/projects?q=${encodeURIComponent(contactEmail)}`)
      .set(bearer(admin))
      .expect(200);
    await t.http().get(`/projects/${created.body.id}`).set(bearer(admin)).expect(200);

    const resetToken = 'reset-token-in-the-query-0123456789';
    const bodyToken = 'reset-token-in-the-body-0123456789';
    const newPassword = 'a-new-password-456';
    secrets.push(resetToken, bodyToken, newPassword);
    const reset = await t
      .http()
      .post(`/auth/password-reset?token=${resetToken}`)
      .set('X-Request-Id', 'reset-use')
      .send({ token: bodyToken, password: newPassword });
    expect(reset.status).toBe(422);
    expect(await accessLine('reset-use')).toEqual(expect.objectContaining({ route: '/auth/password-reset' }));

    // An access token in a query, as a browser opening Bull Board sends it, is not written either.
    await t.http().get(`/projects?token=${admin}`).set('X-Request-Id', 'token-in-query');
    expect(await accessLine('token-in-query')).toEqual(expect.objectContaining({ route: '/projects' }));

    expect(lines.length).toBeGreaterThan(10);
    const written = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of secrets) expect(written).not.toContain(secret);
    expect(written).not.toMatch(/bearer|authorization|@test\.example/i);
  });
});
