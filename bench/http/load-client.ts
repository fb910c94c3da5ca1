/**
 * The load of bench/http, in a process of its own (forked by `runLoad`): autocannon drives the
 * server under test from outside its event loop, as clients on other machines would.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadOrder {
  url: string;
  token: string;
  connections: number;
  /** Run for this many seconds, or send `paths.length` requests when `method` is POST. */
  seconds: number;
  method: 'GET' | 'POST';
  /** GET: one path, sent again and again. POST: one path per request, each sent once, with `body`. */
  paths: string[];
  body?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  sent: number;
  non2xx: number;
  errors: number;
}

async function load(order: LoadOrder): Promise<LoadResult> {
  const headers = { authorization: `Bearer ${order.token}`, 'content-type': 'application/json' };
  let next = 0;
  // autocannon ends a run of `amount` requests only on its next one-second tick, and answers that
  // as the duration: a rate computed from it would be rounded down to requests / whole seconds.
  // A fixed number of requests is timed here, from the first sent to the last answered.
  const started = performance.now();
  let lastAnswered = started;
  const result = await autocannon({
    url: order.url,
    connections: order.connections,
    headers,
    ...(order.method === 'GET'
      ? { duration: order.seconds, requests: [{ method: 'GET', path: order.paths[0] }] }
      : {
          amount: order.paths.length,
          requests: [
            {
              method: 'POST',
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                path: order.paths[next++ % order.paths.length],
                body: order.body,
              }),
              onResponse: () => {
                lastAnswered = performance.now();
              },
            },
          ],
        }),
  });
  return {
    requestsPerSecond:
      order.method === 'GET'
        ? result.requests.total / result.duration
        : result.requests.total / ((lastAnswered - started) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    sent: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Runs one load from a child process and answers its figures. */
export function runLoad(order: LoadOrder): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => {
      resolve(message as LoadResult);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`the load client exited with ${code}`));
    });
    child.send(order);
  });
}

if (process.send) {
  process.once('message', (order) => {
    load(order as LoadOrder).then(
      (result) => process.send!(result),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
