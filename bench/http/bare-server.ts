/**
 * The baseline of bench/http: what the service's reads cost with nothing between the HTTP server and
 * the driver. Fastify with the same logger and the same request logging as the service (its
 * `installRequestLogging`: the request id, the log context every line of the request carries, the
 * access line), the same security headers and compression; the same token check (jsonwebtoken, the
 * same key and claims, the same user read); the same SQL through the same driver; the same JSON.
 *
 * It runs in a process of its own (`startBareProcess`), so that its figures do not depend on what
 * the service's process holds or has switched on: its heap, its compiled code, its async hooks.
 */
import { fork } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import compress from '@fastify/compress';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { pino, type DestinationStream } from 'pino';
import { securityHeaders } from '../../src/common/http-hygiene.js';
import type { DatabaseConfig } from '../../src/config/app-config.js';
import { instantFromRow } from '../../src/database/named-query.js';
import { cohortScope } from '../../src/figures/figure-scope.js';
import { READ_FIGURES_SQL } from '../../src/figures/figures.service.js';
import { requestIdOf } from '../../src/logging/request-id.js';
import { installRequestLogging } from '../../src/logging/request-logging.js';
import { createRootLogger } from '../../src/logging/root-logger.js';
import { FIND_FOR_TOKEN_SQL } from '../../src/users/users.service.js';
import { postgresRun, sqliteRun, type Run } from './bare-sql.js';

/** The service's SQL on either database, and how to let the database go. */
interface BareDriver {
  run: Run;
  close(): Promise<void>;
}

function sqliteDriver(path: string): BareDriver {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  return {
    run: sqliteRun(db),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

function postgresDriver(url: string, schema: string | undefined): BareDriver {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return { run: postgresRun(pool), close: () => pool.end() };
}

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export async function startBareServer(options: {
  database: DatabaseConfig;
  jwtSecret: string;
  logStream: DestinationStream;
}): Promise<BareServer> {
  const driver =
    options.database.kind === 'sqlite'
      ? sqliteDriver(options.database.path)
      : postgresDriver(options.database.url, options.database.schema);
  const key = createSecretKey(Buffer.from(options.jwtSecret, 'utf8'));

  // Typed as Fastify's logger, as in the service, whose request logging this server shares.
  const logger: FastifyBaseLogger = createRootLogger({
    nodeEnv: 'production',
    level: 'info',
    stream: options.logStream,
  });
  const fastify = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: false,
    genReqId: requestIdOf,
  });
  installRequestLogging(fastify);
  fastify.addHook('onRequest', securityHeaders());
  await fastify.register(compress, { threshold: 1024, encodings: ['gzip', 'deflate'] });

  fastify.get('/cohorts/:id/stats', async (request: FastifyRequest & { user?: { id: number } }, reply) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    let claims: { sub: number; tv: number; jti: string };
    try {
      claims = jwt.verify(token ?? '', key, { algorithms: ['HS256'] }) as unknown as typeof claims;
    } catch {
      return reply.status(401).send({ statusCode: 401, message: 'The access token is invalid or has expired' });
    }
    const [owner] = await driver.run(FIND_FOR_TOKEN_SQL, {
      id: claims.sub,
      jti: claims.jti,
      active: true,
    });
    if (
      !owner ||
      Number(owner.token_version) !== claims.tv ||
      Number(owner.signed_out) === 1 ||
      owner.signed_out === true
    )
      return reply.status(401).send({ statusCode: 401, message: 'Sign in again' });
    request.user = { id: Number(owner.id) };
    const id = Number((request.params as { id: string }).id);
    const [row] = await driver.run(READ_FIGURES_SQL, { scope: cohortScope(id) });
    if (!row) return reply.status(404).send({ statusCode: 404, message: `Cohort ${id} not found` });
    return {
      ...(JSON.parse(String(row.payload)) as object),
      computedAt: instantFromRow(row.computed_at),
      pending: Number(row.generation ?? 0) > Number(row.computed_generation ?? 0),
    };
  });

  const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await fastify.close();
      await driver.close();
    },
  };
}

interface BareOrder {
  database: DatabaseConfig;
  jwtSecret: string;
}

/** The bare server in a child process, its lines written to /dev/null as the service's are. */
export function startBareProcess(order: BareOrder): Promise<BareServer> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    child.once('message', (message) => {
      const { url } = message as { url: string };
      resolve({
        url,
        close: () => {
          child.removeAllListeners('exit');
          const exited = new Promise<void>((done) => child.once('exit', () => done()));
          child.kill();
          return exited;
        },
      });
    });
    child.send(order);
  });
}

if (process.send) {
  process.once('message', (order: BareOrder) => {
    const logStream = pino.destination({ dest: '/dev/null', sync: false });
    startBareServer({ ...order, logStream }).then(
      (server) => process.send!({ url: server.url }),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
