import { createServer, type Server } from 'node:http';

/**
 * A worker serves no api, yet an orchestrator must see that it lives: a small HTTP server of its
 * own answers GET /health/live on WORKER_HTTP_PORT, and nothing else.
 */
export function startWorkerProbe(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const live = request.method === 'GET' && request.url?.split('?')[0] === '/health/live';
    const status = live ? 200 : 404;
    const body = live
      ? { status: 'ok', role: 'worker' }
      : { statusCode: 404, error: 'Not Found', message: 'A worker answers GET /health/live only' };
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
