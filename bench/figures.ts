/**
 * bench/figures: a province-scale database (2,000 cohorts, 100,000 projects, 1,000,000 moves), then
 *   - the time of the full recompute (FiguresService.recomputeAll: aggregates, shaping, storing)
 *     beside the time of the bare SQL aggregates it runs, on the same database;
 *   - the median and 99th percentile of reading one cohort's figures over HTTP.
 * Targets: recompute within 1.5 x the bare SQL; one cohort's figures under 5 ms at the median.
 *
 *   npm run bench:figures                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:figures
 *   COHORTS=200 PROJECTS=10000 npm run bench:figures   # a smaller run
 */
import { DataSource } from 'typeorm';
import { FiguresCalculator } from '../src/figures/figures-calculator.js';
import {
  accompanimentYearEnrollments,
  cohortFiguresSql,
  cohortProgramYearEnrollments,
  enrollmentFiguresSql,
  funnelSql,
  PROGRAM_YEAR_COHORTS,
} from '../src/figures/figures.sql.js';
import { FiguresService } from '../src/figures/figures.service.js';
import { parseReportingYear } from '../src/common/reporting-year.js';
import { Program } from '../src/programs/program.entity.js';
import {
  BENCH_ADMIN,
  fmt,
  inOneTransaction,
  insertRows,
  instantWriter,
  median,
  percentile,
  runBench,
  startBenchApp,
  timed,
} from './support.js';

const COHORTS = Number(process.env.COHORTS ?? 2_000);
const PROJECTS = Number(process.env.PROJECTS ?? 100_000);
const MOVES_PER_ENROLLMENT = 10; // every path below has ten lines of history
const COHORT_SHARE = 0.9; // the rest are start-up accompaniments, counted per year
const READS = Number(process.env.READS ?? 2_000);
const DAY = 86_400_000;

type Op = [kind: 'enrol' | 'move' | 'hold' | 'reopen' | 'abandon', stage?: string];
const INC = 'INCORPORATION'; // constitution or constitution-achat, by program

const COHORT_PATHS: Op[][] = [
  [
    ['enrol', 'inscription'],
    ['move', 'formation'],
    ['hold'],
    ['reopen'],
    ['move', 'formation-completee'],
    ['move', 'formation'],
    ['move', 'formation-completee'],
    ['move', INC],
    ['move', 'en-activite'],
    ['hold'],
  ],
  [
    ['enrol', 'inscription'],
    ['move', 'formation'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['move', 'formation-completee'],
    ['move', 'formation'],
    ['move', 'formation-completee'],
    ['move', INC],
  ],
  [
    ['enrol', 'inscription'],
    ['move', 'formation'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['move', 'formation-completee'],
    ['abandon'],
  ],
  [
    ['enrol', 'inscription'],
    ['move', 'formation'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['abandon'],
  ],
  [
    ['enrol', 'inscription'],
    ['move', 'formation'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['move', INC],
    ['move', 'en-activite'],
  ],
];
const DEMARRAGE_PATHS: Op[][] = [
  [
    ['enrol', 'premier-contact'],
    ['move', 'accompagnement'],
    ['hold'],
    ['reopen'],
    ['move', 'plan-affaires'],
    ['move', 'montage-financier'],
    ['move', 'plan-affaires'],
    ['move', 'montage-financier'],
    ['move', 'constitution'],
    ['move', 'en-activite'],
  ],
  [
    ['enrol', 'premier-contact'],
    ['move', 'accompagnement'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['move', 'plan-affaires'],
    ['hold'],
    ['reopen'],
    ['abandon'],
  ],
  [
    ['enrol', 'premier-contact'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['hold'],
    ['reopen'],
    ['abandon'],
  ],
];

async function main() {
  const { app, cleanup } = await startBenchApp('figures', { ROLE: 'api' });
  try {
    const dataSource = app.get(DataSource);
    const isPostgres = dataSource.options.type === 'postgres';
    console.log(
      `bench/figures on ${isPostgres ? 'PostgreSQL' : 'SQLite'}: ${COHORTS} cohorts, ${PROJECTS} projects, ${PROJECTS * MOVES_PER_ENROLLMENT} moves`,
    );

    const load = await timed(() => loadProvince(dataSource));
    console.log(`  loaded in ${fmt(load.ms)}`);

    const bareRuns: number[] = [];
    const recomputeRuns: number[] = [];
    const figures = app.get(FiguresService);
    for (let run = 0; run < 3; run++) {
      bareRuns.push((await timed(() => bareAggregates(app.get(FiguresCalculator), dataSource))).ms);
      recomputeRuns.push((await timed(() => figures.recomputeAll())).ms);
    }
    const [snapshots] = await dataSource.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM figure_snapshots');

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = await app.getUrl();
    const login = await fetch(`${base.replace('[::1]', '127.0.0.1')}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const latencies: number[] = [];
    for (let i = 0; i < READS + 200; i++) {
      const cohortId = 1 + Math.floor(Math.random() * COHORTS);
      const started = performance.now();
      const response = await fetch(`${base.replace('[::1]', '127.0.0.1')}/cohorts/${cohortId}/stats`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /cohorts/${cohortId}/stats answered ${response.status}`);
      if (i >= 200) latencies.push(performance.now() - started); // the first 200 warm up
    }

    const bare = median(bareRuns);
    const recompute = median(recomputeRuns);
    console.log('');
    console.log(`  bare SQL aggregates (median of 3)     ${fmt(bare)}   runs: ${bareRuns.map(fmt).join(', ')}`);
    console.log(
      `  full recompute, stored (median of 3)  ${fmt(recompute)}   runs: ${recomputeRuns.map(fmt).join(', ')}   ${Number(snapshots.n)} figure sets`,
    );
    console.log(`  recompute / bare SQL                  ${(recompute / bare).toFixed(2)} x   (target <= 1.5 x)`);
    console.log(
      `  one cohort's figures over HTTP        median ${fmt(median(latencies))}, p99 ${fmt(percentile(latencies, 99))} over ${latencies.length} reads   (target median < 5 ms)`,
    );
  } finally {
    await cleanup();
  }
}

/** Exactly the statements a full recompute runs, without shaping or storing their rows. */
async function bareAggregates(calculator: FiguresCalculator, dataSource: DataSource) {
  const dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const run = (sql: string, parameters: Record<string, unknown> = {}) => {
    const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return dataSource.query(text, values);
  };
  await run(cohortFiguresSql('1 = 1'));
  for (const program of await dataSource.manager.find(Program)) {
    for (const label of await calculator.yearsWithData(program.code)) {
      const year = parseReportingYear(label, 4)!;
      const instant = (date: string) => new Date(`${date}T05:00:00Z`);
      const parameters = {
        programCode: program.code,
        fromDate: year.from,
        untilDate: year.until,
        fromInstant: instant(year.from),
        untilInstant: instant(year.until),
      };
      if (program.usesCohorts) {
        await run(cohortFiguresSql(PROGRAM_YEAR_COHORTS), parameters);
        await run(funnelSql(dialect, cohortProgramYearEnrollments), parameters);
      } else {
        await run(enrollmentFiguresSql(accompanimentYearEnrollments), parameters);
        await run(funnelSql(dialect, accompanimentYearEnrollments), parameters);
      }
    }
  }
}

/** Writes the province straight into the tables, in large multi-row inserts inside one transaction. */
async function loadProvince(dataSource: DataSource) {
  const isPostgres = dataSource.options.type === 'postgres';
  const instant = instantWriter(dataSource);
  await inOneTransaction(dataSource, async (runner) => {
    const cohortStarts: number[] = [];
    const cohorts: unknown[][] = [];
    for (let i = 0; i < COHORTS; i++) {
      const start = Date.UTC(2001, 0, 10) + Math.floor((i * 25 * 365 * DAY) / COHORTS);
      cohortStarts.push(start);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      cohorts.push([
        i % 2 === 0 ? 'parcours-coop' : 'parcours-transfertcoop',
        Math.floor(i / 2) + 1,
        `Cohorte ${i + 1}`,
        day(start),
        day(start + 150 * DAY),
        'remote',
      ]);
    }
    await insertRows(
      runner,
      'cohorts',
      ['program_code', 'number', 'label', 'starts_on', 'ends_on', 'delivery_mode'],
      cohorts,
    );

    const inCohorts = Math.round(PROJECTS * COHORT_SHARE);
    let projects: unknown[][] = [];
    let enrollments: unknown[][] = [];
    let transitions: unknown[][] = [];
    const flush = async (force = false) => {
      if (!force && transitions.length < 20_000) return;
      await insertRows(
        runner,
        'projects',
        ['name', 'search_name', 'sector', 'kind', 'coop_type', 'region', 'entrepreneur_count', 'fictitious', 'version'],
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
          'note',
          'reason',
        ],
        transitions,
      );
      projects = [];
      enrollments = [];
      transitions = [];
    };

    for (let p = 1; p <= PROJECTS; p++) {
      const cohortIndex = p <= inCohorts ? (p - 1) % COHORTS : -1;
      const programCode =
        cohortIndex >= 0 ? (cohortIndex % 2 === 0 ? 'parcours-coop' : 'parcours-transfertcoop') : 'demarrage';
      const incorporation = programCode === 'parcours-transfertcoop' ? 'constitution-achat' : 'constitution';
      const path =
        cohortIndex >= 0 ? COHORT_PATHS[p % COHORT_PATHS.length] : DEMARRAGE_PATHS[p % DEMARRAGE_PATHS.length];
      const startMs =
        cohortIndex >= 0
          ? cohortStarts[cohortIndex] - 10 * DAY
          : Date.UTC(2001, 3, 2) + Math.floor(((p - inCohorts) * 25 * 365 * DAY) / (PROJECTS - inCohorts));
      projects.push([
        `Projet banc d'essai ${p}`,
        `projet banc d'essai ${p}`,
        "banc d'essai",
        p % 7 === 0 ? 'transfer' : 'startup',
        'worker',
        String(1 + (p % 17)).padStart(2, '0'),
        1 + (p % 5),
        isPostgres ? true : 1,
        1,
      ]);

      let stage = '';
      let status = 'active';
      let stageEntered = startMs;
      let at = startMs;
      for (const [index, [kind, rawStage]] of path.entries()) {
        at = startMs + index * 7 * DAY;
        const toStage = rawStage === INC ? incorporation : (rawStage ?? stage);
        const toStatus = kind === 'hold' ? 'on_hold' : kind === 'abandon' ? 'abandoned' : 'active';
        transitions.push([
          p,
          p,
          programCode,
          kind,
          index === 0 ? null : stage,
          toStage,
          index === 0 ? null : status,
          toStatus,
          instant(at),
          instant(at),
          null,
          'system',
          kind === 'move' && index > 0 ? "banc d'essai" : null,
          kind === 'hold' || kind === 'abandon' ? "banc d'essai" : null,
        ]);
        if (toStage !== stage) stageEntered = at;
        stage = toStage;
        status = toStatus;
      }
      enrollments.push([
        p,
        programCode,
        cohortIndex >= 0 ? cohortIndex + 1 : null,
        stage,
        status,
        status === 'active' ? null : "banc d'essai",
        path.length,
        instant(startMs),
        instant(stageEntered),
        instant(at),
      ]);
      await flush();
    }
    await flush(true);
  });
  await dataSource.query('ANALYZE');
}

runBench(main);
