/**
 * bench/token-check: the price of revocation on the request path. Loads USERS users (10,000) and
 * SIGNED_OUT signed-out tokens still alive (200,000), then prints
 *   - the query plan of the guard's read (the user, their token version, the token signed out?);
 *   - the median and 99th percentile of checking a token (signature and that read), beside the
 *     signature check alone, over RUNS (2,000) calls;
 *   - the median and 99th percentile of GET /users/me through the whole HTTP stack (in process);
 *   - the median of signing out (POST /auth/logout), which also deletes the expired ids.
 *
 *   npm run bench:token-check                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:token-check
 */
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { AccessTokens } from '../src/auth/access-tokens.js';
import { FIND_FOR_TOKEN_SQL } from '../src/users/users.service.js';
import {
  BENCH_ADMIN,
  fmt,
  inOneTransaction,
  insertRows,
  instantWriter,
  median,
  percentile,
  queryPlan,
  runBench,
  startBenchApp,
  timed,
} from './support.js';

const USERS = Number(process.env.USERS ?? 10_000);
const SIGNED_OUT = Number(process.env.SIGNED_OUT ?? 200_000);
const RUNS = Number(process.env.RUNS ?? 2_000);

async function main() {
  const { app, dataSource, engine, cleanup } = await startBenchApp('token-check', { ROLE: 'api' });
  try {
    console.log(`bench/token-check on ${engine}: ${USERS} users, ${SIGNED_OUT} signed-out tokens`);
    const load = await timed(() => loadUsersAndSignOuts(dataSource));
    console.log(`  loaded in ${fmt(load.ms)}`);
    await dataSource.query('ANALYZE');

    const fastify = app.getHttpAdapter().getInstance();
    const signIn = async () => {
      const response = await fastify.inject({ method: 'POST', url: '/auth/login', payload: BENCH_ADMIN });
      return response.json<{ accessToken: string }>().accessToken;
    };
    const token = await signIn();
    const tokens = app.get(AccessTokens);
    const jwt = app.get(JwtService);

    const sample = async (work: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 50; i++) await work();
      for (let i = 0; i < RUNS; i++) times.push((await timed(work)).ms);
      return `median ${fmt(median(times))}, p99 ${fmt(percentile(times, 99))}`;
    };
    console.log(`  signature alone:            ${await sample(() => jwt.verifyAsync(token))}`);
    console.log(`  signature and database read: ${await sample(() => tokens.check(token))}`);
    const me = () => fastify.inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${token}` } });
    console.log(`  GET /users/me over HTTP:     ${await sample(me)}`);

    const logouts: number[] = [];
    for (let i = 0; i < 200; i++) {
      const fresh = await signIn();
      const headers = { authorization: `Bearer ${fresh}` };
      logouts.push((await timed(() => fastify.inject({ method: 'POST', url: '/auth/logout', headers }))).ms);
    }
    console.log(`  POST /auth/logout:           median ${fmt(median(logouts))} of 200`);

    const plan = await queryPlan(dataSource, FIND_FOR_TOKEN_SQL, { id: 1, jti: 'some-token-id', active: true });
    console.log('  plan of the read:');
    for (const line of plan) console.log(`    ${line}`);
  } finally {
    await cleanup();
  }
}

/** Users and signed-out token ids, written straight into the tables. */
async function loadUsersAndSignOuts(dataSource: DataSource) {
  const instant = instantWriter(dataSource);
  const now = Date.now();
  const [{ id: firstId }] = await dataSource.query<{ id: number }[]>('SELECT MAX(id) AS id FROM users');
  await inOneTransaction(dataSource, async (runner) => {
    const users = Array.from({ length: USERS }, (_, i) => [
      `bench-user-${i}@bench.example`,
      `Bench user ${i}`,
      'advisor',
      'fr',
      'scrypt$1$1$1$x$y',
      true,
      i % 7,
    ]);
    await insertRows(
      runner,
      'users',
      ['email', 'name', 'role', 'language', 'password_hash', 'active', 'token_version'],
      users,
    );
    const signedOut = Array.from({ length: SIGNED_OUT }, (_, i) => [
      randomBytes(18).toString('base64url'),
      Number(firstId) + 1 + (i % USERS),
      instant(now + 60_000 + (i % 43_200) * 1000),
    ]);
    await insertRows(runner, 'signed_out_tokens', ['jti', 'user_id', 'expires_at'], signedOut);
  });
}

runBench(main);
