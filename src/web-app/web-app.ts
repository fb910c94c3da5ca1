import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_APP_PATH = '/app/';

/**
 * Where `npm run build` writes the web app: dist/web beside the compiled service (this file is
 * dist/web-app/web-app.js once built, src/web-app/web-app.ts under the tests; both sit two levels
 * below the repository).
 */
export const WEB_APP_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

// Vite names every built asset after a hash of its content: a new build makes new names.
const HASHED_ASSETS = `${WEB_APP_PATH}assets/`;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the web app under /app/: its files, and its index.html for any other path under /app/
 * (the app's own routes, so a reload of any page works). `/` leads there. index.html is never
 * cached, so a new build reaches people at their next visit; hashed assets are cached for a year.
 * Where the app was not built, /app/ says how to build it.
 */
export async function serveWebApp(fastify: FastifyInstance, dir: string = WEB_APP_DIR): Promise<void> {
  fastify.get('/', (_request, reply) => reply.redirect(WEB_APP_PATH, 302));

  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    const notBuilt = (_request: FastifyRequest, reply: FastifyReply) =>
      reply.status(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: 'The web app is not built: run `npm run build` (it writes dist/web), then start the service again.',
      });
    fastify.get('/app', notBuilt);
    fastify.get(`${WEB_APP_PATH}*`, notBuilt);
    return;
  }

  const indexHtml = readFileSync(indexFile);
  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);

  await fastify.register(async (scope) => {
    // One route per built file (wildcard: false), so that the app's own paths fall to index.html below.
    await scope.register(fastifyStatic, {
      root: dir,
      prefix: WEB_APP_PATH,
      wildcard: false,
      index: false,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.startsWith(join(dir, 'assets')) ? IMMUTABLE : 'no-cache');
      },
    });
    scope.get('/app', (_request, reply) => reply.redirect(WEB_APP_PATH, 301));
    scope.get(`${WEB_APP_PATH}*`, (request, reply) => {
      // An asset that is not there (an old build's) is a 404, never the page in its place.
      if (request.url.startsWith(HASHED_ASSETS)) {
        return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'No such file in the web app' });
      }
      return sendIndex(request, reply);
    });
  });
}
