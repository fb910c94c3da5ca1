import compress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config.js';

/**
 * What a browser and a network expect of any HTTP service: security headers, CORS only for the
 * origins configured, and compressed bodies.
 */
export async function registerHttpHygiene(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.getHttpAdapter().getInstance().addHook('onRequest', securityHeaders());
  // JSON lists are large and repetitive: one page of projects shrinks about tenfold. gzip, not
  // brotli: it keeps up with a streamed export of 100,000 rows at a fraction of brotli's cost.
  await app.register(compress, { threshold: 1024, encodings: ['gzip', 'deflate'] });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match'],
      exposedHeaders: ['ETag', 'Retry-After', 'Content-Disposition', 'X-Request-Id'],
      maxAge: 600,
    });
  }
}

/**
 * Helmet's headers on every answer. Helmet's policy (scripts, styles and images from this origin)
 * suits the API docs, Bull Board and a web page served by the service; without the upgrade to https,
 * which a service reached over plain HTTP inside a network cannot honour. The middleware is built
 * once: Fastify's helmet plugin built it again for every request, parsing the policy each time.
 */
export function securityHeaders() {
  const setHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (request: { raw: IncomingMessage }, reply: { raw: ServerResponse }, done: (error?: Error) => void): void =>
    setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
}
