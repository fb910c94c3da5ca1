/**
 * bench/exports: one cohort of 100,000 projects (each with a few moves, so milestone dates exist),
 * exported over HTTP as CSV, XLSX and JSON by the running service. For each format it prints the
 * rows per second (projects / time to the last byte) and the peak growth of the process's RSS
 * during the export (sampled every 50 ms, minus the RSS just before it), and the process's CPU time
 * for the export, which a busy machine inflates less than the elapsed time. The client runs in the
 * same process and counts the bytes as they arrive, so the memory figure is the service's. A full
 * garbage collection runs before each export.
 * Targets: memory growth under 100 MB for every format; CSV at 100,000 rows per second or more,
 * XLSX at 50,000.
 *
 *   npm run bench:exports                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:exports
 *   PROJECTS=20000 npm run bench:exports           # a smaller run
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { DataSource } from 'typeorm';
import { cohortScope } from '../src/figures/figure-scope.js';
import { FiguresService } from '../src/figures/figures.service.js';
import { fmt, inOneTransaction, instantWriter, listenAndSignIn, runBench, startBenchApp, timed } from './support.js';
import {
  cohortRecord,
  enrollmentRecord,
  insertRecords,
  ProjectHistoryBatch,
  projectRecord,
  transitionRecord,
} from './support/records.js';

const PROJECTS = Number(process.env.PROJECTS ?? 100_000);
const FORMATS = (process.env.FORMATS ?? 'csv,xlsx,json').split(',');
const SAMPLE_MS = 50;
const DAY = 86_400_000;
const MB = 1024 * 1024;
const TARGETS: Record<string, string> = {
  csv: '   (targets: >= 100,000 rows/s, < 100 MB)',
  xlsx: '   (targets: >= 50,000 rows/s, < 100 MB)',
};

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
  const { app, dataSource, engine, cleanup } = await startBenchApp('exports', { ROLE: 'api' });
  try {
    console.log(`bench/exports on ${engine}: one cohort of ${PROJECTS} projects`);
    const load = await timed(() => loadCohort(dataSource));
    console.log(`  loaded in ${fmt(load.ms)} (${load.result} moves)`);

    const { base, accessToken } = await listenAndSignIn(app);

    // The worker stores the cohort's figures once its moves are recorded; an export then carries them
    // (it computes them itself only while a change waits for them).
    const figures = await timed(() => app.get(FiguresService).recomputeScope(cohortScope(1)));
    console.log(`  the cohort's figures, computed and stored as the worker does: ${fmt(figures.ms)}`);

    console.log('');
    for (const format of FORMATS) {
      const result = await exportOnce(`${base}/cohorts/1/export?format=${format}`, accessToken);
      const rate = PROJECTS / (result.ms / 1000);
      const growth = result.peakRss - result.rssBefore;
      const target = TARGETS[format] ?? '   (target: < 100 MB)';
      console.log(
        `  ${format.padEnd(4)}  ${fmt(result.ms).padStart(8)}  ${Math.round(rate).toLocaleString('en-US').padStart(9)} rows/s  ` +
          `(CPU ${fmt(result.cpuMs).padStart(7)})  ${(result.bytes / MB).toFixed(1).padStart(6)} MB sent  peak RSS growth ${(growth / MB).toFixed(1).padStart(6)} MB` +
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
  const cpuBefore = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuBefore);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes, rssBefore, peakRss };
}

/** Writes cohort 1 and its projects straight into the tables, in large inserts inside one transaction. */
async function loadCohort(dataSource: DataSource): Promise<number> {
  const instant = instantWriter(dataSource);
  let moves = 0;
  await inOneTransaction(dataSource, async (runner) => {
    const [{ id: advisorId }] = (await runner.query('SELECT MIN(id) AS id FROM users')) as { id: number }[];
    await insertRecords(runner, 'cohorts', [
      cohortRecord({
        programCode: 'parcours-coop',
        number: 1,
        label: "Cohorte de banc d'essai",
        startsOn: '2023-04-12',
        endsOn: '2023-09-13',
      }),
    ]);
    const start = Date.UTC(2023, 3, 12, 14);
    const batch = new ProjectHistoryBatch(runner);
    for (let p = 1; p <= PROJECTS; p++) {
      // Names that make the writers work: accents, commas, quotes, and now and then a would-be formula.
      const name =
        p % 50 === 0 ? `=Coop ${p}` : `Coopérative « banc d'essai », n° ${p}${p % 7 === 0 ? ' "la bonne"' : ''}`;
      batch.projects.push(
        projectRecord({
          name,
          sector: "banc d'essai, secteur",
          kind: p % 9 === 0 ? 'transfer' : 'startup',
          region: String(1 + (p % 17)).padStart(2, '0'),
          entrepreneurCount: 1 + (p % 5),
          advisorId,
          fictitious: false,
        }),
      );
      const enrolledAt = start - (1 + (p % 20)) * DAY;
      let stage = 'inscription';
      let status = 'active';
      let at = enrolledAt;
      const line = { enrollmentId: p, projectId: p, programCode: 'parcours-coop' };
      batch.transitions.push(
        transitionRecord({
          ...line,
          kind: 'enrol',
          fromStage: null,
          toStage: stage,
          fromStatus: null,
          toStatus: status,
          at: instant(at),
        }),
      );
      for (const [i, to] of PATHS[p % PATHS.length].entries()) {
        at = start + i * 60 * DAY + (p % 30) * DAY;
        const leaving = to === 'abandoned';
        batch.transitions.push(
          transitionRecord({
            ...line,
            kind: leaving ? 'abandon' : 'move',
            fromStage: stage,
            toStage: leaving ? stage : to,
            fromStatus: status,
            toStatus: leaving ? 'abandoned' : 'active',
            at: instant(at),
            reason: leaving ? "banc d'essai" : null,
          }),
        );
        if (leaving) status = 'abandoned';
        else stage = to;
      }
      moves += 1 + PATHS[p % PATHS.length].length;
      batch.enrollments.push(
        enrollmentRecord({
          projectId: p,
          programCode: 'parcours-coop',
          cohortId: 1,
          stage,
          status,
          statusReason: status === 'active' ? null : "banc d'essai",
          version: 1 + PATHS[p % PATHS.length].length,
          enrolledAt: instant(enrolledAt),
          stageEnteredAt: instant(at),
          lastMovedAt: instant(at),
        }),
      );
      if (batch.projects.length === 5_000) await batch.flush();
    }
    await batch.flush();
  });
  await dataSource.query('ANALYZE');
  return moves;
}

runBench(main);
