/**
 * bench/bulk-moves: how long a bulk of 1,000 moves holds the database. On a database of many
 * projects (20,000 in start-up accompaniment by default), over HTTP against the running service:
 *   - a bulk refused by its last move (the project is already at the stage it names), sent RUNS
 *     times; while it is under way, one client calls GET /health and another moves other projects
 *     one at a time, each as soon as the previous answer came. Per run: the bulk's answer time, the
 *     longest a /health or a single move waited, the longest stall of the event loop (SQLite's
 *     driver is synchronous: a stall is the time nothing else was served), and the longest
 *     transaction (time inside the transaction runner). The same bulk is also sent alone, to read
 *     the time spent in SQLite statements, and with its last move invalid (400, no database read),
 *     to show the part of the stall that is reading and validating the body. Median and max.
 *   - a bulk of 1,000 accepted moves, ACCEPTED_RUNS times, on fresh projects: the answer time and
 *     the time inside its transaction.
 * Target: a refused bulk holds the database under 50 ms.
 *
 *   npm run bench:bulk-moves                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:bulk-moves
 *   PROJECTS=50000 RUNS=9 npm run bench:bulk-moves
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import {
  fmt,
  inOneTransaction,
  instantWriter,
  listenAndSignIn,
  onEveryTransaction,
  median,
  runBench,
  startBenchApp,
  timed,
} from './support.js';
import { enrollmentRecord, ProjectHistoryBatch, startupCoopRecord, transitionRecord } from './support/records.js';

const PROJECTS = Number(process.env.PROJECTS ?? 20_000);
const RUNS = Number(process.env.RUNS ?? 7);
const ACCEPTED_RUNS = Number(process.env.ACCEPTED_RUNS ?? 3);
const BULK_SIZE = 1_000;
const PROBE_POOL_PER_RUN = 400;
const DAY = 86_400_000;

interface Window {
  transactions: number[];
}

async function main() {
  const needed = BULK_SIZE + (RUNS + 1) * PROBE_POOL_PER_RUN + ACCEPTED_RUNS * BULK_SIZE;
  if (PROJECTS < needed)
    throw new Error(`PROJECTS must be at least ${needed} for RUNS=${RUNS} and ACCEPTED_RUNS=${ACCEPTED_RUNS}`);
  const { app, dataSource, engine, cleanup } = await startBenchApp('bulk-moves', { ROLE: 'api' });
  try {
    console.log(`bench/bulk-moves on ${engine}: ${PROJECTS} projects, bulks of ${BULK_SIZE} moves`);
    const load = await timed(() => loadProjects(dataSource));
    console.log(`  loaded in ${fmt(load.ms)}`);

    // Times the work inside every transaction the service opens while a window is open.
    const windows = new Set<Window>();
    onEveryTransaction(app, (ms) => {
      for (const w of windows) w.transactions.push(ms);
    });

    const { base, accessToken } = await listenAndSignIn(app);
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const post = (path: string, body: object) =>
      fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

    // Projects 1..1000 take the refused bulk (nothing is recorded, so every run sends the same one);
    // the next ones are moved one at a time by the probe, then whole bulks are accepted.
    let nextProbe = BULK_SIZE + 1;
    const probeMove = async () => {
      const response = await post(`/projects/${nextProbe++}/transitions`, { to: 'accompagnement' });
      if (response.status !== 201)
        throw new Error(`a single move answered ${response.status}: ${await response.text()}`);
    };
    const probeHealth = async () => {
      const response = await fetch(`${base}/health`);
      if (response.status !== 200) throw new Error(`GET /health answered ${response.status}`);
      await response.arrayBuffer();
    };

    const idle = { health: [] as number[], move: [] as number[] };
    for (let i = 0; i < 20; i++) {
      idle.health.push((await timed(probeHealth)).ms);
      idle.move.push((await timed(probeMove)).ms);
    }
    console.log(
      `  idle: GET /health ${fmt(median(idle.health))}, a single move ${fmt(median(idle.move))} (medians of 20)`,
    );

    const refused = Array.from({ length: BULK_SIZE }, (_, i) => ({
      projectId: i + 1,
      // The last project is already at premier-contact: the rules refuse that move, after 999 good ones.
      to: i === BULK_SIZE - 1 ? 'premier-contact' : 'accompagnement',
    }));
    const statements = sqliteStatementClock(dataSource);
    const quietly = async (moves: object[], status: number) => {
      const window: Window = { transactions: [] };
      const loop = monitorEventLoopDelay({ resolution: 1 });
      windows.add(window);
      statements?.reset();
      loop.enable();
      const answer = await timed(async () => {
        const response = await post('/transitions/bulk', { moves });
        const body = (await response.json()) as { message?: string };
        if (response.status !== status)
          throw new Error(`a bulk answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      });
      loop.disable();
      windows.delete(window);
      return {
        answer: answer.ms,
        stall: loop.max / 1e6,
        statements: statements?.total() ?? 0,
        transaction: Math.max(0, ...window.transactions),
      };
    };

    const rows: Record<string, number>[] = [];
    const invalid = [...refused.slice(0, -1), { projectId: BULK_SIZE, to: '' }];
    // The first bulk after start also compiles the code it runs: shown apart, not in the runs.
    const cold = await quietly(refused, 422);
    await quietly(invalid, 400);
    const validationOnly: Record<string, number>[] = [];
    for (let r = 0; r < RUNS; r++) {
      const quiet = await quietly(refused, 422);
      validationOnly.push(await quietly(invalid, 400));
      nextProbe = BULK_SIZE + 1 + (r + 1) * PROBE_POOL_PER_RUN;
      const probeLimit = nextProbe + PROBE_POOL_PER_RUN;
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      let done = false;
      const longest = async (probe: () => Promise<void>, more: () => boolean = () => true) => {
        let max = 0;
        while (!done && more()) max = Math.max(max, (await timed(probe)).ms);
        return max;
      };
      const bulk = post('/transitions/bulk', { moves: refused })
        .then(async (response) => {
          if (response.status !== 422)
            throw new Error(`the refused bulk answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
          await response.arrayBuffer();
        })
        .finally(() => (done = true));
      const [, health, move] = await Promise.all([
        bulk,
        longest(probeHealth),
        longest(probeMove, () => nextProbe < probeLimit),
      ]);
      loop.disable();
      rows.push({ ...quiet, health, move, probedStall: loop.max / 1e6 });
    }
    console.log('');
    console.log(
      `  the first bulk refused by its last move after start: answer ${fmt(cold.answer)}, event-loop stall ${fmt(cold.stall)}`,
    );
    console.log(`  a bulk refused by its last move, ${RUNS} runs after it (median / max):`);
    const line = (label: string, values: number[]) => {
      console.log(
        `    ${label.padEnd(58)} ${fmt(median(values)).padStart(8)} / ${fmt(Math.max(...values)).padStart(8)}`,
      );
    };
    const column = (key: string, from = rows) => from.map((row) => row[key]);
    line('its answer (422)', column('answer'));
    if (statements) line('time in SQLite statements (nothing else runs meanwhile)', column('statements'));
    line('longest transaction (inside the runner)', column('transaction'));
    line('longest event-loop stall', column('stall'));
    line('with concurrent clients: longest wait of a GET /health', column('health'));
    line('with concurrent clients: longest wait of a single move', column('move'));
    line('with concurrent clients: longest event-loop stall', column('probedStall'));
    console.log(`  for reference, the same bulk with its last move invalid (400, refused before any read):`);
    line('its answer (400)', column('answer', validationOnly));
    line('longest event-loop stall', column('stall', validationOnly));

    console.log('');
    console.log(`  a bulk of ${BULK_SIZE} accepted moves, ${ACCEPTED_RUNS} runs:`);
    for (let r = 0; r < ACCEPTED_RUNS; r++) {
      const first = BULK_SIZE + 1 + (RUNS + 1) * PROBE_POOL_PER_RUN + r * BULK_SIZE;
      const moves = Array.from({ length: BULK_SIZE }, (_, i) => ({
        projectId: first + i,
        to: 'accompagnement',
        note: 'Entente signée',
      }));
      const window: Window = { transactions: [] };
      windows.add(window);
      const answer = await timed(async () => {
        const response = await post('/transitions/bulk', { moves });
        if (response.status !== 201)
          throw new Error(`the accepted bulk answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        await response.arrayBuffer();
      });
      windows.delete(window);
      console.log(
        `    run ${r + 1}: answer ${fmt(answer.ms)}, inside its transaction ${fmt(Math.max(0, ...window.transactions))}`,
      );
    }
  } finally {
    await cleanup();
  }
}

/**
 * On SQLite, the time spent executing statements, summed since the last reset: the driver is
 * synchronous, so the process serves nothing else meanwhile. Null on PostgreSQL.
 */
function sqliteStatementClock(dataSource: DataSource): { reset: () => void; total: () => number } | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  const database = (dataSource.driver as unknown as { databaseConnection: { prepare: (sql: string) => object } })
    .databaseConnection;
  const statement = Object.getPrototypeOf(database.prepare('SELECT 1')) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  let total = 0;
  for (const name of ['run', 'get', 'all', 'iterate']) {
    const original = statement[name];
    statement[name] = function (this: unknown, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        total += performance.now() - started;
      }
    };
  }
  return { reset: () => (total = 0), total: () => total };
}

/** Projects in start-up accompaniment at its first stage, enrolled a year ago, each with its entry in the history. */
async function loadProjects(dataSource: DataSource) {
  const instant = instantWriter(dataSource);
  const isPostgres = dataSource.options.type === 'postgres';
  const enrolledAt = instant(Date.now() - 365 * DAY);
  await inOneTransaction(dataSource, async (runner) => {
    for (let offset = 0; offset < PROJECTS; offset += 5_000) {
      const ids = Array.from({ length: Math.min(5_000, PROJECTS - offset) }, (_, i) => offset + i + 1);
      const batch = new ProjectHistoryBatch(runner);
      batch.projects = ids.map((p) => startupCoopRecord(p, { id: p, lastActivityAt: enrolledAt }));
      batch.enrollments = ids.map((p) =>
        enrollmentRecord({
          id: p,
          projectId: p,
          programCode: 'demarrage',
          cohortId: null,
          stage: 'premier-contact',
          status: 'active',
          version: 1,
          enrolledAt,
          stageEnteredAt: enrolledAt,
          lastMovedAt: enrolledAt,
        }),
      );
      batch.transitions = ids.map((p) =>
        transitionRecord({
          enrollmentId: p,
          projectId: p,
          programCode: 'demarrage',
          kind: 'enrol',
          fromStage: null,
          toStage: 'premier-contact',
          fromStatus: null,
          toStatus: 'active',
          at: enrolledAt,
        }),
      );
      await batch.flush();
    }
    if (isPostgres) {
      for (const table of ['projects', 'enrollments'])
        await runner.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), ${PROJECTS})`);
    }
  });
  await dataSource.query('ANALYZE');
}

runBench(main);
