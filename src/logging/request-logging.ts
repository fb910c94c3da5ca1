import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logContext } from './log-context.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** Refusals worth a look: wrong sign-ins, too many attempts, permissions refused. */
function isRefusal(request: FastifyRequest, status: number): boolean {
  return status === 403 || status === 429 || (status === 401 && request.routeOptions.url === '/auth/login');
}

/**
 * Gives every request its id (Fastify's `request.id`, from `genReqId`), sends it back in
 * `X-Request-Id`, runs the rest of the request with it in the log context, and writes one access
 * line when the response is sent: method, route template (never the raw URL, whose query may hold a
 * token), status, duration and the signed-in user.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    logContext.run({ requestId: request.id }, done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest & { user?: { id?: number } }, reply: FastifyReply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : isRefusal(request, status) ? 'warn' : 'info';
    request.log[level](
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.user?.id,
      },
      'request',
    );
    done();
  });
}
