/**
 * The flooding client of bench/login-flood, in a worker thread of its own: an attacker is another
 * machine, so its requests should not take turns on the service's event loop. It uses node:http
 * rather than fetch, which costs several times more CPU per request on the machine it shares.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface FloodOrder {
  base: string;
  address: string;
  concurrency: number;
  seconds: number;
}

export type FloodResult = { sent: number; statuses: Record<number, number> };

async function flood({ base, address, concurrency, seconds }: FloodOrder): Promise<FloodResult> {
  const statuses: Record<number, number> = {};
  const until = performance.now() + seconds * 1000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  const flooder = async () => {
    while (performance.now() < until) {
      const n = sent++;
      const body = JSON.stringify({ email: `nobody-${n}@flood.example`, password: `guess-${n}` });
      const status = await post(`${base}/auth/login`, agent, address, body);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, flooder));
  agent.destroy();
  return { sent, statuses };
}

function post(url: string, agent: Agent, address: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-forwarded-for': address,
    };
    const sending = request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sending.on('error', reject);
    sending.end(body);
  });
}

if (parentPort) {
  const port = parentPort;
  port.postMessage('started');
  void flood(workerData as FloodOrder).then((result) => port.postMessage(result));
}
