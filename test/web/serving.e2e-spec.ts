import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveWebApp, WEB_APP_DIR } from '../../src/web-app/web-app.js';
import { requireWebBuild } from './browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The scripts of an HTML page that a content security policy without 'unsafe-inline' would block. */
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]).filter((attributes) => !/\bsrc=/.test(attributes));

describe('the web app, served by the service under /app/', () => {
  let t: TestApp;
  const index = () => readFileSync(join(WEB_APP_DIR, 'index.html'), 'utf8');

  beforeAll(async () => {
    requireWebBuild();
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leads from / to /app/', async () => {
    const response = await t.http().get('/').expect(302);
    expect(response.headers.location).toBe('/app/');
    expect((await t.http().get('/app').expect(301)).headers.location).toBe('/app/');
  });

  it.each(['/app/', '/app/my-day', '/app/account', '/app/reset-password?token=abc', '/app/some/page/to/come'])(
    'answers index.html for %s, never cached, under a policy that allows only its own scripts',
    async (path) => {
      const response = await t.http().get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(index());
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(inlineScripts(response.text)).toEqual([]);
    },
  );

  it('serves the hashed assets for a year, and a missing one as a 404, never as the page', async () => {
    const assets = [...index().matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
    for (const path of assets) {
      const response = await t.http().get(path).set('accept-encoding', 'gzip').expect(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-type']).toMatch(path.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(response.headers['content-encoding']).toBe('gzip');
    }
    const missing = await t.http().get('/app/assets/index-gone.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/json/);
  });

  it('leaves the API where it was', async () => {
    await t.http().get('/health/live').expect(200);
    await t.http().get('/projects').expect(401);
  });
});

describe('the web app, not built', () => {
  it('says at /app/ how to build it, and / still leads there', async () => {
    const fastify = Fastify();
    await serveWebApp(fastify, join(WEB_APP_DIR, 'not-there'));
    const origin = await fastify.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (const path of ['/app/', '/app/my-day']) {
        const response = await fetch(origin + path);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: expect.stringContaining('npm run build'),
        });
      }
      const root = await fetch(`${origin}/`, { redirect: 'manual' });
      expect(root.headers.get('location')).toBe('/app/');
    } finally {
      await fastify.close();
    }
  });
});
