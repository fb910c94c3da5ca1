/**
 * bench/login-flood: one address floods POST /auth/login with made-up e-mails at a given
 * concurrency for a bounded time (from a worker thread), while real users sign in from other addresses, one at a time.
 * It prints the median and 99th percentile of the real sign-ins before the flood and during it,
 * and how the flood was answered (401, 429). Two addresses on loopback come from X-Forwarded-For
 * (TRUST_PROXY=true). The limits are the defaults unless LOGIN_ATTEMPTS_PER_MINUTE or
 * LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE say otherwise. Target: a real sign-in during the flood
 * under 0.5 s.
 *
 *   npm run bench:login-flood
 *   CONCURRENCY=100 DURATION_SECONDS=20 npm run bench:login-flood
 *   DATABASE_URL=postgres://... npm run bench:login-flood
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FloodOrder, FloodResult } from './login-flood-client.js';
import { BENCH_ADMIN, fmt, median, percentile, runBench, startBenchApp } from './support.js';

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const SECONDS = Number(process.env.DURATION_SECONDS ?? 10);
const BASELINE_SECONDS = 3;
// Real users sign in one after another with a pause between, each from an address of their own,
// and enough of them that none reaches the per-account limit during the run.
const REAL_USERS = 30;
const REAL_PAUSE_MS = 100;
const REAL_PASSWORD = 'real-user-password-123';
const FLOOD_ADDRESS = '203.0.113.66';

async function main() {
  const { app, config, cleanup } = await startBenchApp('login-flood', {
    ROLE: 'api',
    TRUST_PROXY: 'true',
    LOGIN_ATTEMPTS_PER_MINUTE: process.env.LOGIN_ATTEMPTS_PER_MINUTE ?? '10',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: process.env.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE ?? '60',
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const signIn = (address: string, body: { email: string; password: string }) =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify(body),
      });

    const admin = (await (await signIn('127.0.0.1', BENCH_ADMIN)).json()) as { accessToken: string };
    const users = await Promise.all(
      [...Array(REAL_USERS).keys()].map(async (i) => {
        const email = `real-${i}@bench.example`;
        const response = await fetch(`${base}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
          body: JSON.stringify({ email, password: REAL_PASSWORD, name: `Real ${i}`, role: 'advisor' }),
        });
        if (response.status !== 201)
          throw new Error(`POST /users answered ${response.status}: ${await response.text()}`);
        return { email, address: `198.51.100.${i + 1}` };
      }),
    );

    const database = config.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    console.log(
      `bench/login-flood on ${database}: ${CONCURRENCY} concurrent sign-ins with made-up e-mails from one address ` +
        `for ${SECONDS} s; limits ${config.loginAttemptsPerMinute} per account and ` +
        `${config.loginAttemptsPerAddressPerMinute} per address a minute`,
    );

    let next = 0;
    /** Real users sign in, one at a time, until the deadline; the latency of each. */
    const realSignIns = async (until: number) => {
      const latencies: number[] = [];
      let failures = 0;
      while (performance.now() < until) {
        const user = users[next++ % users.length];
        const started = performance.now();
        const response = await signIn(user.address, { email: user.email, password: REAL_PASSWORD });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== 200) failures++;
        await new Promise((resolve) => setTimeout(resolve, REAL_PAUSE_MS));
      }
      return { latencies, failures };
    };

    const baseline = await realSignIns(performance.now() + BASELINE_SECONDS * 1000);
    report('real sign-ins, no flood    ', baseline);

    const order: FloodOrder = { base, address: FLOOD_ADDRESS, concurrency: CONCURRENCY, seconds: SECONDS };
    const client = new Worker(new URL('./login-flood-client.js', import.meta.url), { workerData: order });
    await once(client, 'message');
    const flooded = once(client, 'message') as Promise<[FloodResult]>;
    const during = await realSignIns(performance.now() + SECONDS * 1000);
    const [{ sent, statuses }] = await flooded;
    report('real sign-ins, during flood', during);

    const others = Object.entries(statuses).filter(([status]) => status !== '401' && status !== '429');
    console.log(
      `  flood: ${sent} requests (${Math.round(sent / SECONDS)}/s): ${statuses[401] ?? 0} answered 401, ` +
        `${statuses[429] ?? 0} answered 429` +
        (others.length ? `, others ${JSON.stringify(Object.fromEntries(others))}` : ''),
    );
    console.log('  target: a real sign-in during the flood under 0.5 s');
  } finally {
    await cleanup();
  }
}

function report(label: string, { latencies, failures }: { latencies: number[]; failures: number }) {
  console.log(
    `  ${label}  ${String(latencies.length).padStart(4)} sign-ins  median ${fmt(median(latencies)).padStart(7)}  ` +
      `p99 ${fmt(percentile(latencies, 99)).padStart(7)}  max ${fmt(Math.max(...latencies)).padStart(7)}` +
      `${failures ? `  (${failures} not 200)` : ''}`,
  );
}

runBench(main);
