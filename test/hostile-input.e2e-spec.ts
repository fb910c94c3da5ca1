import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, bearer, PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { createCohort, createProject } from './support/fixtures.js';
import {
  buildHostileRequest,
  operationsOf,
  randomFrom,
  type HostileRequest,
  type OpenApiDocument,
  type Operation,
} from './support/hostile-requests.js';
import type { Role } from '../src/users/user.entity.js';

/**
 * Malformed requests for every operation of the OpenAPI document, as every role and as nobody,
 * against the real app and database. Bounded for CI; HOSTILE_REQUESTS=50000 runs a longer one,
 * HOSTILE_SEED=<n> another sequence (a failure names its seed and index to replay it).
 */
const REQUESTS = Number(process.env.HOSTILE_REQUESTS ?? 3000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261201);

/** Every failure, whole, for a run that finds more than the report shows. */
const FAILURES_FILE = join(tmpdir(), `hostile-input-failures-${process.pid}.json`);

/**
 * Tables no request writes, left out of the comparison: TypeORM's record of the migrations run.
 * Nothing else needs leaving out, because the app runs with ROLE=api: no relay, schedule or job
 * writes to the database while the requests are sent.
 */
const BOOKKEEPING_TABLES = new Set(['migrations', 'typeorm_metadata']);

const LEAK =
  /\bat .+\.(ts|js):\d+|SELECT |INSERT |UPDATE .+ SET|SQLITE_|QueryFailedError|TypeError|RangeError|URIError|node_modules/;
const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'details']);

interface Failure {
  replay: string;
  role: string;
  request: string;
  mutations: string[];
  status: number;
  problem: string;
  body: string;
}

describe('hostile input, generated from the OpenAPI document', () => {
  let t: TestApp;
  const tokens = new Map<Role | 'nobody', string | undefined>();
  const known: Record<string, string> = {};
  let tables: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    tokens.set('nobody', undefined);
    for (const role of ['admin', 'coordinator', 'advisor', 'viewer'] as Role[])
      tokens.set(role, await t.tokenFor(role));
    const coordinator = tokens.get('coordinator')!;
    // One record of each kind, so that plausible ids reach their handlers.
    const cohort = await createCohort(t, coordinator);
    const project = await createProject(t, tokens.get('advisor')!, {
      contacts: [{ name: 'Camille Roy', email: 'camille@example.org' }],
    });
    await t
      .http()
      .post(`/projects/${project.id}/follow-ups`)
      .set(bearer(coordinator))
      .send({ dueOn: '2026-12-01', note: 'Rappeler' })
      .expect(201);
    await t
      .http()
      .post(`/projects/${project.id}/notes`)
      .set(bearer(coordinator))
      .send({ body: 'Première rencontre' })
      .expect(201);
    await t
      .http()
      .post(`/cohorts/${cohort.id}/ratings`)
      .set(bearer(coordinator))
      .send({ ratings: [{ rating: 5 }] })
      .expect(201);
    Object.assign(known, {
      id: String(project.id),
      code: 'demarrage',
      programCode: 'demarrage',
      stageCode: 'accompagnement',
      name: 'daily-digest',
    });
    tables = (await listTables()).filter((table) => !BOOKKEEPING_TABLES.has(table));
    [adminAccount] = await t.dataSource.query(
      `SELECT id, email, role, active, password_hash FROM users WHERE email = '${ADMIN.email}'`,
    );
  });
  afterAll(() => t.close());

  async function signInAgain(role: Role): Promise<string> {
    const email =
      role === 'admin'
        ? ADMIN.email
        : ((
            await t
              .http()
              .get(`/users/${await t.userIdFor(role)}`)
              .set(bearer(await adminToken()))
              .expect(200)
          ).body.email as string);
    const password = role === 'admin' ? ADMIN.password : PASSWORD;
    const login = () => t.http().post('/auth/login').send({ email, password });
    let response = await login();
    if (response.status === 401 && role === 'admin') {
      // An accepted request changed the admin's own account (PATCH /users/:id with a plausible body
      // can deactivate it or set another password): put it back, so the admin keeps being tried.
      await restoreAdmin();
      response = await login();
    }
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  }

  /** The admin's account as the suite signed in with it, saved before the first request. */
  let adminAccount: { id: number; email: string; role: string; active: unknown; password_hash: string };
  async function restoreAdmin() {
    const { id, email, role, active, password_hash } = adminAccount;
    await t.dataSource.query(
      t.config.database.kind === 'postgres'
        ? 'UPDATE users SET email = $1, role = $2, active = $3, password_hash = $4 WHERE id = $5'
        : 'UPDATE users SET email = ?, role = ?, active = ?, password_hash = ? WHERE id = ?',
      [email, role, active, password_hash, id],
    );
  }

  /** The admin's current token, signing in again when a request signed it out. */
  async function adminToken(): Promise<string> {
    const token = tokens.get('admin')!;
    if ((await t.http().get('/users/me').set(bearer(token))).status === 200) return token;
    tokens.set('admin', await signInAgain('admin'));
    return tokens.get('admin')!;
  }

  async function listTables(): Promise<string[]> {
    const rows: { name: string }[] =
      t.config.database.kind === 'postgres'
        ? await t.dataSource.query(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        : await t.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    return rows.map((r) => r.name).sort();
  }

  /** Every row of every table a request could write, as text to compare. */
  async function snapshot(): Promise<Map<string, string>> {
    const contents = await Promise.all(
      tables.map(
        async (table) =>
          [table, JSON.stringify(await t.dataSource.query(`SELECT * FROM "${table}" ORDER BY 1`))] as const,
      ),
    );
    return new Map(contents);
  }

  async function send(request: HostileRequest) {
    const agent = t.http() as unknown as Record<string, (url: string) => import('supertest').Test>;
    let pending = agent[request.method.toLowerCase()](request.url);
    for (const [name, value] of Object.entries(request.headers)) pending = pending.set(name, value);
    if (request.body && 'json' in request.body) {
      pending = pending
        .set('content-type', request.headers['content-type'] ?? 'application/json')
        .send(JSON.stringify(request.body.json));
    } else if (request.body) {
      pending = pending.set('content-type', request.body.contentType).send(request.body.raw);
    }
    return pending.buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
    });
  }

  /** What is wrong with an answer, or null: a 5xx, an error outside the shape, or internals shown. */
  function problemWith(status: number, text: string, contentType: string | undefined): string | null {
    if (status >= 500) return 'a server error';
    if (LEAK.test(text)) return 'internals (a stack, SQL or an exception name) in the answer';
    if (status < 400) return null;
    if (!contentType?.startsWith('application/json')) return `an error answered as ${contentType}`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      return 'an error body that is not JSON';
    }
    if (body.statusCode !== status || typeof body.error !== 'string' || typeof body.message !== 'string')
      return 'an error outside the shape';
    if (!Object.keys(body).every((key) => ERROR_KEYS.has(key))) return 'an error with fields outside the shape';
    return null;
  }

  it(`answers ${REQUESTS} malformed requests without a server error, in the error shape, and writes nothing when it refuses`, async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const operations: Operation[] = operationsOf(document);
    expect(operations.length).toBeGreaterThan(40);

    const roles = [...tokens.keys()];
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    let before = await snapshot();

    for (let index = 0; index < REQUESTS; index++) {
      const random = randomFrom(SEED * 100_003 + index);
      const operation = operations[index % operations.length];
      const role = random.pick(roles);
      const request = buildHostileRequest(operation, random, tokens.get(role), known);
      const response = await send(request);
      // A sign-out that went through ends that role's token: sign in again so the role keeps being tried.
      if (role !== 'nobody' && response.status === 204 && request.url.startsWith('/auth/logout'))
        tokens.set(role, await signInAgain(role));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const after = await snapshot();

      const text = String(response.body ?? '');
      let problem = problemWith(response.status, text, response.headers['content-type']);
      if (!problem && response.status >= 400) {
        const changed = tables.filter((table) => before.get(table) !== after.get(table));
        if (changed.length) problem = `refused, yet changed ${changed.join(', ')}`;
      }
      if (problem) {
        failures.push({
          replay: `HOSTILE_SEED=${SEED} index ${index}`,
          role,
          request: `${request.method} ${request.url.slice(0, 200)}`,
          mutations: request.mutations,
          status: response.status,
          problem,
          body: text.slice(0, 300),
        });
      }
      before = after;
    }

    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    process.stdout.write(
      `hostile input: ${REQUESTS} requests over ${operations.length} operations on ${t.config.database.kind}, seed ${SEED}; ${summary}\n`,
    );
    if (failures.length) process.stdout.write(`${failures.length} failures, all in ${FAILURES_FILE}\n`);
    if (failures.length) writeFileSync(FAILURES_FILE, JSON.stringify(failures, null, 2));
    expect(failures.slice(0, 20)).toEqual([]);
    // The admin can still sign in: no request locked the service out.
    await t.http().post('/auth/login').send(ADMIN).expect(200);
  }, 900_000);
});
