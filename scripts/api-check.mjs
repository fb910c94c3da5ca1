#!/usr/bin/env node
// `npm run api:check`: builds the service, starts it with the demo data on a database of its own
// (a temporary SQLite file, or a fresh schema of the PostgreSQL that DATABASE_URL names) and the
// Redis at REDIS_URL, runs the whole Bruno collection (bruno/) against it with Bruno's CLI, then
// stops it and removes what it made. Exits non-zero when the build, the start or any request fails.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const collection = join(root, 'bruno');
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const databaseUrl = process.env.DATABASE_URL ?? '';
const onPostgres = databaseUrl.startsWith('postgres');
const suffix = randomBytes(4).toString('hex');
// Queues, sign-in counts and (on PostgreSQL) tables of this run only, whatever else shares them.
const queuePrefix = `api_check_${suffix}`;
const schema = `api_check_${suffix}`;
const work = mkdtempSync(join(tmpdir(), 'coop-api-check-'));
const reportFile = join(work, 'bruno-report.json');
const started = Date.now();

const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;

let service;
let serviceOutput = '';

/** A failure the check explains itself; `showService` adds the service's last output (it did not start). */
class CheckFailed extends Error {
  constructor(message, { showService = false } = {}) {
    super(message);
    this.showService = showService;
  }
}

function run(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const answer = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1000, () => answer(false));
    socket.on('error', () => answer(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => answer(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

/** GET a JSON answer of the service; undefined while it does not answer. */
async function getJson(url) {
  try {
    const response = await globalThis.fetch(url);
    return { status: response.status, body: await response.json() };
  } catch {
    return undefined;
  }
}

async function waitFor(what, seconds, check) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (service.exitCode !== null || service.signalCode !== null)
      throw new CheckFailed(`The service stopped while we waited for ${what}.`, { showService: true });
    if (await check()) return true;
    await delay(200);
  }
  return false;
}

/** The request files of the collection: every .bru but the collection's, the folders' and the environments. */
function requestFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'environments' ? [] : requestFiles(path);
    return entry.name.endsWith('.bru') && !['collection.bru', 'folder.bru'].includes(entry.name) ? [path] : [];
  });
}

/**
 * What Bruno's exit code does not tell: a file it cannot parse is skipped and the run still passes,
 * and a request without an assertion on its status passes whatever it gets.
 */
function problemsIn(report) {
  const problems = [];
  const ran = new Set();
  for (const result of report.flatMap((iteration) => iteration.results)) {
    const file = result.test?.filename ?? result.path ?? result.name;
    ran.add(file);
    if (result.skipped || result.status === 'skipped') {
      problems.push(`${file}: not run${result.error ? `: ${result.error.split('\n')[0]}` : ''}`);
      continue;
    }
    if (result.error) problems.push(`${file}: ${result.error}`);
    const assertions = result.assertionResults ?? [];
    for (const assertion of assertions.filter((a) => a.status !== 'pass'))
      problems.push(`${file}: ${assertion.lhsExpr}: ${assertion.rhsExpr} (${assertion.error})`);
    const tests = [result.preRequestTestResults, result.testResults, result.postResponseTestResults].flat();
    for (const test of tests.filter((t) => t && t.status !== 'pass'))
      problems.push(`${file}: ${test.description} (${test.error})`);
    if (!assertions.some((assertion) => assertion.lhsExpr === 'res.status'))
      problems.push(`${file}: asserts no status (add \`res.status: eq ...\` to its assert block)`);
  }
  for (const file of requestFiles(collection).map((path) => relative(collection, path)))
    if (!ran.has(file)) problems.push(`${file}: not run`);
  return problems;
}

async function main() {
  console.log('api:check: building the service');
  // The same dist/ as `npm run build`, without its type check (a third of the time): the type check is
  // `npm run typecheck`'s, which the test command runs first; the code is written for isolated modules.
  const build = ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--noCheck'];
  if ((await run(process.execPath, build, { cwd: root })) !== 0) throw new CheckFailed('The build failed.');

  console.log(`api:check: built in ${seconds()}`);

  if (!(await redisAnswers(redisUrl)))
    throw new CheckFailed(`Redis does not answer at ${redisUrl}: start it, or set REDIS_URL to a running Redis.`);

  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    ROLE: 'all',
    PORT: String(port),
    WORKER_HTTP_PORT: String(await freePort()),
    DEMO_DATA: 'true',
    DATABASE_URL: onPostgres ? databaseUrl : `sqlite:${join(work, 'coop.sqlite')}`,
    DATABASE_SCHEMA: onPostgres ? schema : '',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    MAIL_OUTBOX_DIR: join(work, 'outbox'),
  };
  // E-mail goes to the temporary outbox, never to a real server.
  delete env.SMTP_URL;
  const database = onPostgres ? `PostgreSQL (schema ${schema})` : 'a temporary SQLite file';
  console.log(`api:check: starting the demo on port ${port}, on ${database}, with Redis at ${redisUrl}`);
  service = spawn(process.execPath, ['dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => (serviceOutput = (serviceOutput + chunk.toString()).slice(-30_000));
  service.stdout.on('data', keep);
  service.stderr.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  const ready = await waitFor(
    '/health/ready',
    60,
    async () => (await getJson(`${baseUrl}/health/ready`))?.status === 200,
  );
  if (!ready) throw new CheckFailed('The service was not ready within 60 s.', { showService: true });
  console.log(`api:check: the demo is ready at ${seconds()}`);
  // The demo's figures are computed by the job queue a moment after loading; the collection checks them.
  let health;
  const computed = await waitFor('the figures', 30, async () => {
    health = (await getJson(`${baseUrl}/health`))?.body;
    return health?.outbox?.pendingScopes === 0;
  });
  if (computed) console.log(`api:check: its figures are computed at ${seconds()}`);
  else {
    const { outbox, figures, queues } = health ?? {};
    console.warn('api:check: the demo figures were still being computed after 30 s; running anyway');
    console.warn(`  /health: ${JSON.stringify({ outbox, figures, queues: queues?.figures })}`);
  }

  console.log(`api:check: running the collection (bru run --env demo --env-var baseUrl=${baseUrl})`);
  const bru = join(root, 'node_modules/.bin/bru');
  const args = ['run', '--env', 'demo', '--env-var', `baseUrl=${baseUrl}`, '--reporter-json', reportFile];
  const code = await run(process.execPath, [bru, ...args], { cwd: collection });
  let problems;
  try {
    problems = problemsIn(JSON.parse(readFileSync(reportFile, 'utf8')));
  } catch (error) {
    problems = [`no report from Bruno (${error.message})`];
  }
  if (code !== 0 || problems.length) {
    const details = problems.map((problem) => `\n  - ${problem}`).join('');
    throw new CheckFailed(`The collection failed${code !== 0 ? ` (bru exited with ${code})` : ''}.${details}`);
  }
}

async function stopService() {
  if (!service || service.exitCode !== null || service.signalCode !== null) return;
  const exited = new Promise((done) => service.once('exit', done));
  service.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]))) {
    service.kill('SIGKILL');
    await exited;
  }
}

async function cleanUp() {
  await stopService();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    const keys = [];
    for await (const batch of redis.scanStream({ match: `${queuePrefix}:*`, count: 500 })) keys.push(...batch);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  } catch {
    // Redis away: the run left nothing there either.
  } finally {
    redis.disconnect();
  }
  if (onPostgres) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } catch (error) {
      console.error(`api:check: could not drop the schema ${schema}: ${error.message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  rmSync(work, { recursive: true, force: true });
}

let exitCode = 0;
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  await main();
  console.log(`api:check: passed in ${seconds()}`);
} catch (error) {
  exitCode = 1;
  if (!(error instanceof CheckFailed)) console.error(error);
  else {
    if (error.showService && serviceOutput)
      console.error(`--- the service's last output ---\n${serviceOutput.trimEnd()}\n---`);
    console.error(`api:check: ${error.message}`);
  }
} finally {
  await cleanUp();
}
process.exit(exitCode);
