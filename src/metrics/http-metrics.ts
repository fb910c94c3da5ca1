import type { FastifyInstance } from 'fastify';
import { UNMATCHED_ROUTE, type Metrics } from './metrics.js';

/**
 * Times every response by method, route template (`/projects/:id`, never the raw URL, whose ids
 * would make a series per project) and status. A request no route matched counts under one label.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: Metrics) {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
