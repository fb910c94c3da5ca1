/**
 * The flooding client of bench/login-flood, in a worker thread of its own: an attacker is another
 * machine, so its requests should not take turns on the service's event loop.
 */
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
  let sent = 0;
  const flooder = async () => {
    while (performance.now() < until) {
      const n = sent++;
      const response = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ email: `nobody-${n}@flood.example`, password: `guess-${n}` }),
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all([...Array(concurrency)].map(flooder));
  return { sent, statuses };
}

if (parentPort) {
  const port = parentPort;
  port.postMessage('started');
  flood(workerData as FloodOrder).then((result) => port.postMessage(result));
}
