import { createProject } from './support/fixtures.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const ORIGIN = 'https://app.federation.example';

/** The scripts of an HTML page that a content security policy without 'unsafe-inline' would block. */
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((attributes) => !/\bsrc=|type="application\/json"/.test(attributes));

describe('HTTP hygiene', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${ORIGIN}, http://localhost:5173` });
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  it('sends security headers, with a content security policy the docs and Bull Board pages keep to', async () => {
    for (const path of ['/health', '/docs', '/admin/queues']) {
      const response = await t.http().get(path).set(bearer(admin)).redirects(1).expect(200);
      expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      if (path === '/health') continue;
      expect(response.text).toMatch(/<script\b[^>]*\bsrc=/);
      expect(inlineScripts(response.text)).toEqual([]);
    }
  });

  it('answers a CORS preflight from a configured origin, and none from another', async () => {
    const preflight = await t
      .http()
      .options('/projects')
      .set('origin', ORIGIN)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type, if-match')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('if-match');

    const read = await t.http().get('/health').set('origin', ORIGIN).expect(200);
    expect(read.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(read.headers['access-control-expose-headers'])).toContain('ETag');

    const stranger = await t.http().get('/health').set('origin', 'https://elsewhere.example');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compresses JSON for a client that accepts it', async () => {
    const coordinator = await t.tokenFor('coordinator');
    for (let i = 0; i < 20; i++) await createProject(t, coordinator);
    // supertest inflates the body as a browser would; the header says how it travelled.
    const response = await t
      .http()
      .get('/projects?pageSize=100')
      .set(bearer(coordinator))
      .set('accept-encoding', 'gzip')
      .expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    const body = response.body as { items: unknown[] };
    expect(body.items.length).toBeGreaterThanOrEqual(20);
  });
});

describe('CORS by default', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('allows no other origin when CORS_ORIGINS is not set', async () => {
    const preflight = await t
      .http()
      .options('/projects')
      .set('origin', ORIGIN)
      .set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await t.http().get('/health').set('origin', ORIGIN).expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});
