import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { TestApp } from './test-app.js';
import { until } from './until.js';

/**
 * The service as it is deployed: compiled once per test file (into a folder of the file's own, so
 * files running side by side never share one) and started as separate processes, so that a test
 * can kill one the way a crash or an operator would.
 */
export class BuiltService {
  private readonly dir = resolve('.tmp', `build-${process.pid}-${Date.now()}`);
  /** Every process started, so that none outlives the file: not one that timed out at start either. */
  private readonly started: ServiceProcess[] = [];

  build(): void {
    const tsc = resolve('node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', this.dir], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
  }

  /**
   * Starts `node main.js` on the database and queues of `t`, with the role and settings given, and
   * waits until its liveness probe answers (a worker's on its own port: `url` is the probe's).
   */
  async start(t: TestApp, env: Record<string, string>): Promise<ServiceProcess> {
    const database = t.config.database;
    const port = await freePort();
    const probePort = await freePort();
    const child = spawn(process.execPath, [join(this.dir, 'main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        WORKER_HTTP_PORT: String(probePort),
        DATABASE_URL: database.kind === 'sqlite' ? `sqlite:${database.path}` : database.url,
        DATABASE_SCHEMA: database.kind === 'postgres' ? (database.schema ?? '') : '',
        QUEUE_PREFIX: t.config.queuePrefix,
        RELAY_INTERVAL_MS: '100',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const role = env.ROLE ?? 'all';
    // A worker serves no api, only its liveness probe; the others answer on the api port.
    const service = new ServiceProcess(child, `http://127.0.0.1:${role === 'worker' ? probePort : port}`);
    this.started.push(service);
    // The line the process writes once it listens (src/main.ts). Until it is written, an answer on
    // the port may come from another program that took the port between freePort() and the start
    // (test files run side by side): that process would then exit with EADDRINUSE, too late.
    const listening =
      role === 'worker' ? `liveness at http://localhost:${probePort}/` : `Listening on http://localhost:${port} `;
    await until(async () => {
      if (!service.running) throw new Error(`the ${role} process exited at start:\n${service.output}`);
      if (!service.output.includes(listening)) return false;
      return fetch(`${service.url}/health/live`).then(
        (response) => response.ok,
        () => false,
      );
    }, 60_000);
    return service;
  }

  /** Kills (SIGKILL) every process still running, whoever started it, then removes the build. */
  async cleanUp(): Promise<void> {
    await Promise.all(this.started.map((service) => service.kill()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class ServiceProcess {
  output = '';

  constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends the process with a signal (SIGKILL: as a crash would) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill(signal);
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? done(address.port) : fail(new Error('no port'))));
    });
    server.on('error', fail);
  });
}
