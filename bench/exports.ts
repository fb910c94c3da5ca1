/**
 * bench/exports: one cohort of 100,000 projects (each with a few moves, so milestone dates exist),
 * exported over HTTP as CSV, XLSX and JSON by the running service. For each format it prints the
 * rows per second (projects / time to the last byte) and the peak growth of the process's RSS
 * during the export (sampled every 50 ms, minus the RSS just before it). The client runs in the
 * same process and counts the bytes as they arrive, so the memory figure is the service's. A full
 * garbage collection runs before each export.
 * Targets: memory growth under 100 MB for every format; CSV at 50,000 rows per second or more.
 *
 *   npm run bench:exports                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:exports
 *   PROJECTS=20000 npm run bench:exports           # a smaller run
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { DataSource } from 'typeorm';
import {
  BENCH_ADMIN,
  fmt,
  inOneTransaction,
  insertRows,
  instantWriter,
  runBench,
  startBenchApp,
  timed,
} from './support.js';

const PROJECTS = Number(process.env.PROJECTS ?? 100_000);
const FORMATS = (process.env.FORMATS ?? 'csv,xlsx,json').split(',');
const SAMPLE_MS = 50;
const DAY = 86_400_000;
const MB = 1024 * 1024;

// A full collection before each export, so that its baseline is the live memory and not the
// garbage the load (or the previous export) left behind.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

// Moves after enrolment: most projects reach a milestone or more, some leave.
const PATHS: string[][] = [
  ['formation', 'formation-completee', 'constitution', 'en-activite'],
  ['formation', 'formation-completee'],
  ['formation', 'abandoned'],
  ['formation', 'formation-completee', 'constitution'],
];

async function main() {
  const { app, cleanup } = await startBenchApp('exports', { ROLE: 'api' });
  try {
    const dataSource = app.get(DataSource);
    const isPostgres = dataSource.options.type === 'postgres';
    console.log(`bench/exports on ${isPostgres ? 'PostgreSQL' : 'SQLite'}: one cohort of ${PROJECTS} projects`);
    const load = await timed(() => loadCohort(dataSource));
    console.log(`  loaded in ${fmt(load.ms)} (${load.result} moves)`);

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    console.log('');
    for (const format of FORMATS) {
      const result = await exportOnce(`${base}/cohorts/1/export?format=${format}`, accessToken);
      const rate = PROJECTS / (result.ms / 1000);
      const growth = result.peakRss - result.rssBefore;
      const target = format === 'csv' ? `   (targets: >= 50,000 rows/s, < 100 MB)` : '   (target: < 100 MB)';
      console.log(
        `  ${format.padEnd(4)}  ${fmt(result.ms).padStart(8)}  ${Math.round(rate).toLocaleString('en-US').padStart(9)} rows/s  ` +
          `${(result.bytes / MB).toFixed(1).padStart(6)} MB sent  peak RSS growth ${(growth / MB).toFixed(1).padStart(6)} MB` +
          `  (RSS ${(result.rssBefore / MB).toFixed(0)} -> ${(result.peakRss / MB).toFixed(0)} MB)${target}`,
      );
    }
  } finally {
    await cleanup();
  }
}

/** Downloads one export, reading the body as it arrives, while sampling the RSS. */
async function exportOnce(url: string, token: string) {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), SAMPLE_MS);
  const started = performance.now();
  let bytes = 0;
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200 || !response.body)
      throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { ms, bytes, rssBefore, peakRss };
}

/** Writes cohort 1 and its projects straight into the tables, in large inserts inside one transaction. */
async function loadCohort(dataSource: DataSource): Promise<number> {
  const isPostgres = dataSource.options.type === 'postgres';
  const instant = instantWriter(dataSource);
  let moves = 0;
  await inOneTransaction(dataSource, async (runner) => {
    const [{ id: advisorId }] = (await runner.query('SELECT MIN(id) AS id FROM users')) as { id: number }[];
    await insertRows(
      runner,
      'cohorts',
      ['program_code', 'number', 'label', 'starts_on', 'ends_on', 'delivery_mode'],
      [['parcours-coop', 1, "Cohorte de banc d'essai", '2023-04-12', '2023-09-13', 'remote']],
    );
    const start = Date.UTC(2023, 3, 12, 14);
    let projects: unknown[][] = [];
    let enrollments: unknown[][] = [];
    let transitions: unknown[][] = [];
    const flush = async () => {
      await insertRows(
        runner,
        'projects',
        [
          'name',
          'search_name',
          'sector',
          'kind',
          'coop_type',
          'region',
          'entrepreneur_count',
          'advisor_id',
          'fictitious',
          'version',
        ],
        projects,
      );
      await insertRows(
        runner,
        'enrollments',
        [
          'project_id',
          'program_code',
          'cohort_id',
          'stage_code',
          'status',
          'status_reason',
          'version',
          'enrolled_at',
          'stage_entered_at',
          'last_moved_at',
        ],
        enrollments,
      );
      await insertRows(
        runner,
        'transitions',
        [
          'enrollment_id',
          'project_id',
          'program_code',
          'kind',
          'from_stage',
          'to_stage',
          'from_status',
          'to_status',
          'occurred_at',
          'recorded_at',
          'actor_id',
          'source',
          'reason',
        ],
        transitions,
      );
      projects = [];
      enrollments = [];
      transitions = [];
    };
    for (let p = 1; p <= PROJECTS; p++) {
      // Names that make the writers work: accents, commas, quotes, and now and then a would-be formula.
      const name =
        p % 50 === 0 ? `=Coop ${p}` : `Coopérative « banc d'essai », n° ${p}${p % 7 === 0 ? ' "la bonne"' : ''}`;
      projects.push([
        name,
        name.toLowerCase(),
        "banc d'essai, secteur",
        p % 9 === 0 ? 'transfer' : 'startup',
        'worker',
        String(1 + (p % 17)).padStart(2, '0'),
        1 + (p % 5),
        advisorId,
        isPostgres ? false : 0,
        1,
      ]);
      const enrolledAt = start - (1 + (p % 20)) * DAY;
      let stage = 'inscription';
      let status = 'active';
      let at = enrolledAt;
      transitions.push([
        p,
        p,
        'parcours-coop',
        'enrol',
        null,
        stage,
        null,
        status,
        instant(at),
        instant(at),
        null,
        'system',
        null,
      ]);
      for (const [i, to] of PATHS[p % PATHS.length].entries()) {
        at = start + i * 60 * DAY + (p % 30) * DAY;
        const leaving = to === 'abandoned';
        transitions.push([
          p,
          p,
          'parcours-coop',
          leaving ? 'abandon' : 'move',
          stage,
          leaving ? stage : to,
          status,
          leaving ? 'abandoned' : 'active',
          instant(at),
          instant(at),
          null,
          'system',
          leaving ? "banc d'essai" : null,
        ]);
        if (leaving) status = 'abandoned';
        else stage = to;
      }
      moves += 1 + PATHS[p % PATHS.length].length;
      enrollments.push([
        p,
        'parcours-coop',
        1,
        stage,
        status,
        status === 'active' ? null : "banc d'essai",
        1 + PATHS[p % PATHS.length].length,
        instant(enrolledAt),
        instant(at),
        instant(at),
      ]);
      if (projects.length === 5_000) await flush();
    }
    await flush();
  });
  await dataSource.query('ANALYZE');
  return moves;
}

runBench(main);
