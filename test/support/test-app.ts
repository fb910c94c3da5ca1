import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { QUEUES } from '../../src/queue/queue.constants.js';
import type { Role } from '../../src/users/user.entity.js';
import { freshDatabase } from './fresh-database.js';
import { ResponseContract } from './response-contract.js';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-123' };
export const PASSWORD = 'user-password-123';

/**
 * Every response any test app sends is checked against the OpenAPI document; what does not match
 * fails the test during which it was sent (or the first test after a `beforeAll`).
 */
const contractProblems: string[] = [];
function failOnContractProblems() {
  if (contractProblems.length === 0) return;
  const problems = contractProblems.splice(0);
  throw new Error(`Responses that differ from the OpenAPI document:\n- ${[...new Set(problems)].join('\n- ')}`);
}
afterEach(failOnContractProblems);
afterAll(failOnContractProblems);

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** A token for a user of that role, created on first use (the admin exists from the start). */
  tokenFor: (role: Role, key?: string) => Promise<string>;
  userIdFor: (role: Role, key?: string) => Promise<number>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/**
 * Starts the real application on a database of its own: a new SQLite file, or a new schema in
 * the PostgreSQL that DATABASE_URL names. Migrations run as they do in production.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  appOptions: Pick<CreateAppOptions, 'logger' | 'logStream'> = { logger: ['error'] },
): Promise<TestApp> {
  const database = freshDatabase();
  const suffix = database.suffix;
  // Without SMTP_URL the service writes e-mail to a folder: one of the test's own.
  const outboxDir = join(tmpdir(), `coop-test-outbox-${suffix}`);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    ...database.env,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    // Every test signs its users in from 127.0.0.1.
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '100000',
    // Queues of their own in the shared Redis, so test files running side by side never meet.
    QUEUE_PREFIX: `test_${suffix}`,
    RELAY_INTERVAL_MS: '100',
    MAIL_OUTBOX_DIR: outboxDir,
    ...env,
  });
  const contract = new ResponseContract((problem) => contractProblems.push(problem));
  const app = await createApp(config, { ...appOptions, beforeReady: (fastify) => contract.install(fastify) });
  const server = app.getHttpServer();
  const http = () => request(server);
  contract.use((await http().get('/docs-json').expect(200)).body);
  const dataSource = app.get(DataSource);

  const tokens = new Map<string, string>();
  const ids = new Map<string, number>();
  const login = async (email: string, password: string) => {
    const response = await http().post('/auth/login').send({ email, password }).expect(200);
    return response.body.accessToken as string;
  };
  const ensure = async (role: Role, key: string = role) => {
    if (tokens.has(key)) return;
    if (role === 'admin' && key === 'admin') {
      tokens.set(key, await login(ADMIN.email, ADMIN.password));
    } else {
      await ensure('admin');
      const email = `${key}-${suffix}@test.example`;
      const created = await http()
        .post('/users')
        .set('authorization', `Bearer ${tokens.get('admin')}`)
        .send({ email, password: PASSWORD, name: `Test ${key}`, role })
        .expect(201);
      ids.set(key, created.body.id);
      tokens.set(key, await login(email, PASSWORD));
    }
    if (!ids.has(key)) {
      const me = await http()
        .get('/users/me')
        .set('authorization', `Bearer ${tokens.get(key)}`)
        .expect(200);
      ids.set(key, me.body.id);
    }
  };

  return {
    app,
    config,
    http,
    dataSource,
    tokenFor: async (role, key: string = role) => (await ensure(role, key), tokens.get(key)!),
    userIdFor: async (role, key: string = role) => (await ensure(role, key), ids.get(key)!),
    close: async () => {
      // Queues shared with another test app (its QUEUE_PREFIX given) are that app's to empty.
      if (!env.QUEUE_PREFIX) await deleteQueueKeys(app, config.queuePrefix);
      await database.drop(dataSource);
      await app.close();
      database.removeFiles();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second process on the same database and queues as `t`, with ROLE=worker: what a deployment
 * with several workers runs. The caller closes it.
 */
export function startSecondWorker(t: TestApp, env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const database = t.config.database;
  return createApp(
    loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      ROLE: 'worker',
      DATABASE_URL: database.kind === 'sqlite' ? `sqlite:${database.path}` : database.url,
      DATABASE_SCHEMA: database.kind === 'postgres' ? (database.schema ?? '') : '',
      QUEUE_PREFIX: t.config.queuePrefix,
      RELAY_INTERVAL_MS: '100',
      ...env,
    }),
    { logger: ['error'] },
  );
}

/** Removes the keys a test app's queues left in Redis. */
async function deleteQueueKeys(app: NestFastifyApplication, prefix: string) {
  const client = app.get<Queue>(getQueueToken(QUEUES.figures)).client;
  if (client.status !== 'ready') return;
  const keys: string[] = [];
  for await (const batch of client.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...(batch as string[]));
  for (let i = 0; i < keys.length; i += 500) await client.del(...keys.slice(i, i + 500));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The fields a 400 names in its details. */
export const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

/** Every error body has this shape, whatever failed. */
export function expectErrorShape(body: Record<string, unknown>, statusCode: number) {
  expect(body).toEqual(expect.objectContaining({ statusCode, error: expect.any(String), message: expect.any(String) }));
  expect(Object.keys(body).every((k) => ['statusCode', 'error', 'message', 'details'].includes(k))).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+|SELECT |INSERT |SQLITE_|QueryFailedError/);
}
