#!/usr/bin/env node
// The one test command: finds (or starts) Redis, type-checks, lints the code and openapi.json, checks
// docker-compose.yml, builds the web app when its sources changed and finds Chromium for the browser
// tests (test/web/), then runs every jest spec.
// Extra arguments go to jest, e.g. `npm test -- test/projects.e2e-spec.ts`.
// A full run (no arguments) then runs the Bruno collection against a demo service (scripts/api-check.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebAppIfNeeded } from './web-build.mjs';

const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');

function redisAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG') || data.toString().startsWith('-NOAUTH')));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function ensureRedis() {
  if (await redisAnswers(redisUrl.hostname, Number(redisUrl.port || 6379)))
    return { url: redisUrl.toString(), stop: () => {} };
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    console.error(
      `Redis does not answer at ${redisUrl} and redis-server is not installed.\n` +
        'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis.',
    );
    process.exit(1);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'coop-redis-'));
  const server = spawn(
    found,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50 && !(await redisAnswers('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  console.log(`Redis was not running at ${redisUrl}: started a private redis-server on port ${port} for the tests`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's package. Without one the
 * command stops and says what to install, as it does for Redis.
 */
function findChromium() {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    console.error(
      `Chromium is not installed${process.env.CHROMIUM_PATH ? ` at CHROMIUM_PATH (${process.env.CHROMIUM_PATH})` : ''}: the browser tests (test/web/) need it.\n` +
        'Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium that playwright-core 1.64 drives (Chromium 156).',
    );
    process.exit(1);
  }
  return found;
}

/**
 * docker-compose.yml as Compose reads it, with .env.example and a secret filled in: Debian's
 * docker-compose parses it without a Docker daemon. Skipped, and said, where it is not installed.
 */
async function checkComposeFile() {
  if (!spawnSync('sh', ['-c', 'command -v docker-compose']).stdout.toString().trim()) {
    console.log(
      'docker-compose is not installed: docker-compose.yml was not checked (apt-get install docker-compose).',
    );
    return 0;
  }
  const code = await run('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env.example', 'config', '-q'], {
    ...process.env,
    JWT_SECRET: 'a-secret-of-the-length-the-service-wants-0123456789',
  });
  if (code !== 0)
    console.error('docker-compose.yml does not parse with .env.example (docker-compose config names the problem).');
  return code;
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// The browser tests run in a full run, or when a chosen spec is one of them.
const browserTests = process.argv.length === 2 || process.argv.slice(2).some((arg) => arg.includes('web'));
const chromium = browserTests ? findChromium() : undefined;
const redis = await ensureRedis();
const env = {
  ...process.env,
  REDIS_URL: redis.url,
  NODE_ENV: 'test',
  ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
};
const database = env.DATABASE_URL?.startsWith('postgres')
  ? 'PostgreSQL (a fresh schema per test file)'
  : 'SQLite (a fresh file per test file)';
console.log(`Testing against ${database} and Redis at ${redis.url}`);

// A run of chosen specs (`npm test -- <files>`) skips the lint and the collection, to stay quick while working.
const chosenSpecs = process.argv.length > 2;
let code = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], env);
// The web app and the browser tests have tsconfigs of their own, with the DOM's types.
for (const project of ['web/tsconfig.json', 'test/web/tsconfig.json'])
  if (code === 0)
    code = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], env);
if (code !== 0) console.error('Type check failed.');
else if (!chosenSpecs) {
  code = await run(
    process.execPath,
    [
      'node_modules/prettier/bin/prettier.cjs',
      '--check',
      'src',
      'test',
      'bench',
      'scripts',
      'client',
      'web',
      '*.js',
      '*.ts',
    ],
    env,
  );
  if (code === 0)
    code = await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.'], env);
  if (code !== 0) console.error('Lint failed: `npm run format` fixes the formatting; ESLint names the rest.');
  else {
    code = await run(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', 'openapi.json'], {
      ...env,
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
    });
    if (code !== 0)
      console.error('openapi.json breaks a rule of redocly.yaml: fix the decorators, then `npm run openapi`.');
  }
  if (code === 0) code = await checkComposeFile();
}
if (code === 0 && browserTests) {
  code = buildWebAppIfNeeded();
  if (code !== 0) console.error('The web app does not build (`npm run build:web` shows why).');
}
if (code === 0) {
  code = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      ...process.argv.slice(2),
    ],
    env,
  );
}
// The REST-client workspace (bruno/) against a demo service, on the same database kind and Redis.
if (code === 0 && !chosenSpecs) {
  code = await run(process.execPath, ['scripts/api-check.mjs'], env);
  if (code !== 0) console.error('The Bruno collection failed against the demo (npm run api:check runs it alone).');
}
redis.stop();
process.exit(code);
