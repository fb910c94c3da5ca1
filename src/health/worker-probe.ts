import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsAccess } from '../metrics/metrics-access.js';

/** What a worker's probe server exposes at GET /metrics, under the same token rule as the api's. */
export interface WorkerProbeMetrics {
  registry: Registry;
  /** METRICS_TOKEN; without it, /metrics answers 404. */
  token: string | null;
}

const json = { 'content-type': 'application/json; charset=utf-8' };

/**
 * A worker serves no api, yet an orchestrator must see that it lives and Prometheus must read its
 * series (its jobs are timed here, not in the api): a small HTTP server of its own answers
 * GET /health/live and GET /metrics on WORKER_HTTP_PORT, and nothing else.
 */
export function startWorkerProbe(port: number, metrics?: WorkerProbeMetrics): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/health/live') {
      response.writeHead(200, json).end(JSON.stringify({ status: 'ok', role: 'worker' }));
      return;
    }
    if (request.method === 'GET' && path === '/metrics' && metrics) {
      const access = metricsAccess(metrics.token, request.headers.authorization);
      if (access === 'allowed') {
        metrics.registry.metrics().then(
          (text) =>
            response
              .writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' })
              .end(text),
          () =>
            response.writeHead(500, json).end(
              JSON.stringify({
                statusCode: 500,
                error: 'Internal Server Error',
                message: 'The metrics could not be read',
              }),
            ),
        );
        return;
      }
      if (access === 'refused') {
        const body = { statusCode: 401, error: 'Unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>' };
        response.writeHead(401, { ...json, 'www-authenticate': 'Bearer' }).end(JSON.stringify(body));
        return;
      }
    }
    const body = {
      statusCode: 404,
      error: 'Not Found',
      message: 'A worker answers GET /health/live and GET /metrics only',
    };
    response.writeHead(404, json).end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
