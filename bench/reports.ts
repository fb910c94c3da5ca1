/**
 * bench/reports: a reporting year (2023-2024) of 100,000 time entries, with the year before's
 * 20,000, on 2,000 co-ops (400 of them grown from a project) and 3,000 start-up and takeover
 * projects, half of them incorporated in the year with their jobs, and the co-ops' workers. Then
 * the advisory and funder reports, in JSON over HTTP from the running service: the median of
 * several runs of each (and the process's CPU time, which a busy machine inflates less than the
 * elapsed time; on SQLite the database works inside the process), and the figures they gave.
 * Target: under one second each.
 *
 *   npm run bench:reports                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:reports
 *   ENTRIES=20000 RUNS=3 npm run bench:reports     # a smaller run
 */
import type { DataSource, QueryRunner } from 'typeorm';
import {
  fmt,
  inOneTransaction,
  instantWriter,
  listenAndSignIn,
  median,
  runBench,
  startBenchApp,
  timed,
} from './support.js';
import {
  enrollmentRecord,
  insertAdvisors,
  insertRecords,
  ProjectHistoryBatch,
  projectRecord,
  transitionRecord,
  type TableRecord,
} from './support/records.js';

const ENTRIES = Number(process.env.ENTRIES ?? 100_000);
const PREVIOUS_ENTRIES = Math.round(ENTRIES / 5);
const RUNS = Number(process.env.RUNS ?? 7);
const PROJECTS = 3_000;
const COOPS = 2_000;
/** Co-ops 1 to 400 grew from projects 1 to 400. */
const COOPS_FROM_PROJECTS = 400;
const ADVISORS = 15;
const YEAR = '2023-2024';
const YEAR_START = Date.UTC(2023, 3, 1, 12);
const PREVIOUS_START = Date.UTC(2022, 3, 1, 12);
const DAY = 86_400_000;
const TARGET_MS = 1000;

const COOP_TYPES = [
  'fonctionnement-associatif',
  'gestion-conflits',
  'organisation-travail',
  'analyse-financiere',
  'planification-financiere',
  'planification-strategique',
  'redressement',
];
const PROJECT_TYPES = ['premieres-rencontres', 'analyse-prefaisabilite', 'plan-affaires', 'montage-financier'];

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function main() {
  const { app, dataSource, engine, cleanup } = await startBenchApp('reports', { ROLE: 'api' });
  try {
    console.log(`bench/reports on ${engine}: ${ENTRIES} time entries in ${YEAR}, ${PREVIOUS_ENTRIES} the year before`);
    const load = await timed(() => loadYear(dataSource));
    console.log(`  loaded in ${fmt(load.ms)}`);
    const { base, accessToken } = await listenAndSignIn(app);

    for (const report of ['advisory', 'funder']) {
      const url = `${base}/reports/${report}?year=${YEAR}&format=json`;
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let body: unknown;
      for (let run = 0; run < RUNS; run++) {
        const cpuBefore = process.cpuUsage();
        const { ms, result } = await timed(() => fetchJson(url, accessToken));
        const cpu = process.cpuUsage(cpuBefore);
        times.push(ms);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
        body = result;
      }
      const ms = median(times);
      console.log('');
      console.log(
        `  ${report.padEnd(8)} median ${fmt(ms).padStart(8)} over ${RUNS} runs (min ${fmt(Math.min(...times))}, ` +
          `max ${fmt(Math.max(...times))}; CPU ${fmt(median(cpuTimes))})  ${ms < TARGET_MS ? 'under' : 'OVER'} the 1 s target`,
      );
      console.log(`    ${summary(report, body)}`);
    }
  } finally {
    await cleanup();
  }
}

async function fetchJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The figures each report gave, on one line. */
function summary(report: string, body: unknown): string {
  if (report === 'advisory') {
    const b = body as {
      hours: number;
      coops: number;
      previous: { hours: number; coops: number };
      change: { coops: number };
    };
    return `${b.hours} h to ${b.coops} co-ops; the year before ${b.previous.hours} h to ${b.previous.coops} (${b.change.coops >= 0 ? '+' : ''}${b.change.coops} co-ops)`;
  }
  const { rows } = body as { rows: { key: string; value: number; missing?: number }[] };
  return rows.map((r) => `${r.key} ${r.value}${r.missing === undefined ? '' : ` (${r.missing} missing)`}`).join('; ');
}

/** Writes the year straight into the tables, in large inserts inside one transaction. */
async function loadYear(dataSource: DataSource): Promise<void> {
  const instant = instantWriter(dataSource);
  await inOneTransaction(dataSource, async (runner) => {
    const firstAdvisor = await insertAdvisors(runner, ADVISORS);
    await loadProjects(runner, instant, firstAdvisor);
    await loadCoops(runner);
    await loadJobs(runner, firstAdvisor, instant(YEAR_START));
    await loadEntries(runner, firstAdvisor, ENTRIES, YEAR_START, COOPS);
    await loadEntries(runner, firstAdvisor, PREVIOUS_ENTRIES, PREVIOUS_START, COOPS - 300);
  });
  await dataSource.query('ANALYZE');
}

/**
 * Projects 1 to 3,000, enrolled the year before; the even ones reach their incorporated stage in
 * the year (1 to 400 the year before, their co-ops then served as co-ops). One in five is a takeover.
 */
async function loadProjects(runner: QueryRunner, instant: (ms: number) => Date | string, advisorId: number) {
  const batch = new ProjectHistoryBatch(runner);
  for (let p = 1; p <= PROJECTS; p++) {
    const transfer = p % 5 === 0;
    const programCode = transfer ? 'transfertcoop' : 'demarrage';
    const [first, incorporated] = transfer
      ? ['exploration', 'constitution-achat']
      : ['premier-contact', 'constitution'];
    batch.projects.push(
      projectRecord({
        name: `Projet de banc d'essai ${p}`,
        sector: 'services',
        kind: transfer ? 'transfer' : 'startup',
        region: String(1 + (p % 17)).padStart(2, '0'),
        entrepreneurCount: 3,
        advisorId: advisorId + (p % ADVISORS),
        fictitious: true,
      }),
    );
    const enrolledAt = PREVIOUS_START + (p % 300) * DAY;
    const line = { enrollmentId: p, projectId: p, programCode };
    batch.transitions.push(
      transitionRecord({
        ...line,
        kind: 'enrol',
        fromStage: null,
        toStage: first,
        fromStatus: null,
        toStatus: 'active',
        at: instant(enrolledAt),
      }),
    );
    const incorporates = p <= COOPS_FROM_PROJECTS || p % 2 === 0;
    const movedAt = p <= COOPS_FROM_PROJECTS ? enrolledAt + 30 * DAY : YEAR_START + (p % 360) * DAY;
    if (incorporates)
      batch.transitions.push(
        transitionRecord({
          ...line,
          kind: 'move',
          fromStage: first,
          toStage: incorporated,
          fromStatus: 'active',
          toStatus: 'active',
          at: instant(movedAt),
        }),
      );
    const last = incorporates ? movedAt : enrolledAt;
    batch.enrollments.push(
      enrollmentRecord({
        projectId: p,
        programCode,
        cohortId: null,
        stage: incorporates ? incorporated : first,
        status: 'active',
        version: incorporates ? 2 : 1,
        enrolledAt: instant(enrolledAt),
        stageEnteredAt: instant(last),
        lastMovedAt: instant(last),
      }),
    );
    if (batch.projects.length === 1_000) await batch.flush();
  }
  await batch.flush();
}

/** Co-ops 1 to 2,000 in the 17 regions, the first 400 grown from projects 1 to 400. */
async function loadCoops(runner: QueryRunner) {
  const coops: TableRecord[] = [];
  for (let o = 1; o <= COOPS; o++) {
    const name = `Coopérative de banc d'essai ${o}`;
    coops.push({
      name,
      search_name: name.toLowerCase(),
      coop_type: 'worker',
      region: String(1 + (o % 17)).padStart(2, '0'),
      sector: 'services',
      member_since: '2015-01-01',
      project_id: o <= COOPS_FROM_PROJECTS ? o : null,
      demo: true,
    });
  }
  await insertRecords(runner, 'organizations', coops);
}

/** Jobs of most incorporated projects (one in six left without), and two workers counts for most co-ops. */
async function loadJobs(runner: QueryRunner, recordedBy: number, recordedAt: Date | string) {
  const counts: TableRecord[] = [];
  const count = (
    kind: string,
    target: { project_id: number | null; organization_id: number | null },
    jobs: number,
    countedOn: string,
  ) =>
    counts.push({
      kind,
      ...target,
      jobs,
      counted_on: countedOn,
      transition_id: null,
      recorded_by: recordedBy,
      recorded_at: recordedAt,
      demo: true,
    });
  for (let p = 2; p <= PROJECTS; p += 2) {
    if (p % 6 === 0) continue;
    count(
      p % 5 === 0 ? 'maintained' : 'created',
      { project_id: p, organization_id: null },
      2 + (p % 7),
      dateOf(YEAR_START + (p % 360) * DAY),
    );
  }
  for (let o = 1; o <= COOPS; o++) {
    if (o % 4 === 0) continue;
    count('workers', { project_id: null, organization_id: o }, 3 + (o % 11), dateOf(YEAR_START + (o % 100) * DAY));
    count(
      'workers',
      { project_id: null, organization_id: o },
      4 + (o % 11),
      dateOf(YEAR_START + (100 + (o % 200)) * DAY),
    );
  }
  await insertRecords(runner, 'job_counts', counts);
}

/** Entries over a year's days: three in five on the first `coops` co-ops, the rest on projects, a quarter hour to eight hours. */
async function loadEntries(
  runner: QueryRunner,
  firstAdvisor: number,
  entries: number,
  yearStart: number,
  coops: number,
) {
  let batch: TableRecord[] = [];
  for (let i = 0; i < entries; i++) {
    const onCoop = i % 5 < 3;
    batch.push({
      advisor_id: firstAdvisor + (i % ADVISORS),
      project_id: onCoop ? null : 1 + ((i * 7) % PROJECTS),
      organization_id: onCoop ? 1 + ((i * 13) % coops) : null,
      worked_on: dateOf(yearStart + (i % 365) * DAY),
      quarter_hours: 1 + (i % 32),
      intervention_type_code: onCoop ? COOP_TYPES[i % COOP_TYPES.length] : PROJECT_TYPES[i % PROJECT_TYPES.length],
      demo: true,
    });
    if (batch.length === 10_000) {
      await insertRecords(runner, 'time_entries', batch);
      batch = [];
    }
  }
  await insertRecords(runner, 'time_entries', batch);
}

runBench(main);
