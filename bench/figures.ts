/**
 * bench/figures: a province-scale database (2,000 cohorts, 100,000 projects, 1,000,000 moves, a
 * computed dirty mark on every figure scope), then
 *   - the time of the full recompute (FiguresService.recomputeAll: aggregates, shaping, storing)
 *     beside the time of the bare SQL aggregates it runs, on the same database;
 *   - the median and 99th percentile of reading one cohort's figures over HTTP.
 * Targets: recompute within 1.1 x the bare SQL; one cohort's figures under 5 ms at the median.
 *
 *   npm run bench:figures                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:figures
 *   COHORTS=200 PROJECTS=10000 npm run bench:figures   # a smaller run
 */
import type { DataSource } from 'typeorm';
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
import { cohortScope, programYearScope } from '../src/figures/figure-scope.js';
import { parseReportingYear } from '../src/common/reporting-year.js';
import { Program } from '../src/programs/program.entity.js';
import {
  cohortRecord,
  enrollmentRecord,
  insertRecords,
  ProjectHistoryBatch,
  projectRecord,
  transitionRecord,
  type TableRecord,
} from './support/records.js';
import {
  fmt,
  inOneTransaction,
  instantWriter,
  listenAndSignIn,
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

/** Put on hold then reopened, n times over. */
const pauses = (n: number): Op[] => Array.from({ length: n }, (): Op[] => [['hold'], ['reopen']]).flat();
const TRAINING: Op[] = [
  ['enrol', 'inscription'],
  ['move', 'formation'],
];
const TRAINED_TWICE: Op[] = [
  ['move', 'formation-completee'],
  ['move', 'formation'],
  ['move', 'formation-completee'],
];
const COHORT_PATHS: Op[][] = [
  [...TRAINING, ...pauses(1), ...TRAINED_TWICE, ['move', INC], ['move', 'en-activite'], ['hold']],
  [...TRAINING, ...pauses(2), ...TRAINED_TWICE, ['move', INC]],
  [...TRAINING, ...pauses(3), ['move', 'formation-completee'], ['abandon']],
  [...TRAINING, ...pauses(3), ['hold'], ['abandon']],
  [...TRAINING, ...pauses(3), ['move', INC], ['move', 'en-activite']],
];
const FIRST_CONTACT: Op = ['enrol', 'premier-contact'];
const DEMARRAGE_PATHS: Op[][] = [
  [
    FIRST_CONTACT,
    ['move', 'accompagnement'],
    ...pauses(1),
    ['move', 'plan-affaires'],
    ['move', 'montage-financier'],
    ['move', 'plan-affaires'],
    ['move', 'montage-financier'],
    ['move', 'constitution'],
    ['move', 'en-activite'],
  ],
  [FIRST_CONTACT, ['move', 'accompagnement'], ...pauses(2), ['move', 'plan-affaires'], ...pauses(1), ['abandon']],
  [FIRST_CONTACT, ...pauses(4), ['abandon']],
];
if ([...COHORT_PATHS, ...DEMARRAGE_PATHS].some((path) => path.length !== MOVES_PER_ENROLLMENT))
  throw new Error(`every path must have ${MOVES_PER_ENROLLMENT} lines of history`);

async function main() {
  const { app, dataSource, engine, cleanup } = await startBenchApp('figures', { ROLE: 'api' });
  try {
    console.log(
      `bench/figures on ${engine}: ${COHORTS} cohorts, ${PROJECTS} projects, ${PROJECTS * MOVES_PER_ENROLLMENT} moves`,
    );

    const load = await timed(async () => {
      await loadProvince(dataSource);
      await markEveryScope(dataSource, app.get(FiguresCalculator));
    });
    console.log(`  loaded in ${fmt(load.ms)}`);

    const bareRuns: number[] = [];
    const recomputeRuns: number[] = [];
    const figures = app.get(FiguresService);
    for (let run = 0; run < 3; run++) {
      bareRuns.push((await timed(() => bareAggregates(app.get(FiguresCalculator), dataSource))).ms);
      recomputeRuns.push((await timed(() => figures.recomputeAll())).ms);
    }
    const [snapshots] = await dataSource.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM figure_snapshots');

    const { base, accessToken } = await listenAndSignIn(app);
    const latencies: number[] = [];
    for (let i = 0; i < READS + 200; i++) {
      const cohortId = 1 + Math.floor(Math.random() * COHORTS);
      const started = performance.now();
      const response = await fetch(`${base}/cohorts/${cohortId}/stats`, {
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
    console.log(`  recompute / bare SQL                  ${(recompute / bare).toFixed(2)} x   (target <= 1.1 x)`);
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

/**
 * A province that has lived has a dirty mark on every scope, each computed: the nightly recompute
 * records every scope's generation, as it does in service, even when nothing is pending.
 */
async function markEveryScope(dataSource: DataSource, calculator: FiguresCalculator) {
  const scopes = (await dataSource.query<{ id: number }[]>('SELECT id FROM cohorts')).map((c) => cohortScope(c.id));
  for (const program of await dataSource.manager.find(Program))
    for (const year of await calculator.yearsWithData(program.code)) scopes.push(programYearScope(program.code, year));
  const instant = instantWriter(dataSource);
  await inOneTransaction(dataSource, (runner) =>
    insertRecords(
      runner,
      'figure_dirty_marks',
      scopes.map((scope, i) => ({
        scope,
        generation: 1 + (i % 4),
        computed_generation: 1 + (i % 4),
        pending_since: instant(Date.UTC(2026, 0, 1)),
        hand_count: 1,
      })),
    ),
  );
}

/** Writes the province straight into the tables, in large multi-row inserts inside one transaction. */
async function loadProvince(dataSource: DataSource) {
  const instant = instantWriter(dataSource);
  await inOneTransaction(dataSource, async (runner) => {
    const cohortStarts: number[] = [];
    const cohorts: TableRecord[] = [];
    for (let i = 0; i < COHORTS; i++) {
      const start = Date.UTC(2001, 0, 10) + Math.floor((i * 25 * 365 * DAY) / COHORTS);
      cohortStarts.push(start);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      cohorts.push(
        cohortRecord({
          programCode: i % 2 === 0 ? 'parcours-coop' : 'parcours-transfertcoop',
          number: Math.floor(i / 2) + 1,
          label: `Cohorte ${i + 1}`,
          startsOn: day(start),
          endsOn: day(start + 150 * DAY),
        }),
      );
    }
    await insertRecords(runner, 'cohorts', cohorts);

    const inCohorts = Math.round(PROJECTS * COHORT_SHARE);
    const batch = new ProjectHistoryBatch(runner);

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
      batch.projects.push(
        projectRecord({
          name: `Projet banc d'essai ${p}`,
          sector: "banc d'essai",
          kind: p % 7 === 0 ? 'transfer' : 'startup',
          region: String(1 + (p % 17)).padStart(2, '0'),
          entrepreneurCount: 1 + (p % 5),
          fictitious: true,
        }),
      );

      let stage = '';
      let status = 'active';
      let stageEntered = startMs;
      let at = startMs;
      for (const [index, [kind, rawStage]] of path.entries()) {
        at = startMs + index * 7 * DAY;
        const toStage = rawStage === INC ? incorporation : (rawStage ?? stage);
        const toStatus = kind === 'hold' ? 'on_hold' : kind === 'abandon' ? 'abandoned' : 'active';
        batch.transitions.push(
          transitionRecord({
            enrollmentId: p,
            projectId: p,
            programCode,
            kind,
            fromStage: index === 0 ? null : stage,
            toStage,
            fromStatus: index === 0 ? null : status,
            toStatus,
            at: instant(at),
            note: kind === 'move' && index > 0 ? "banc d'essai" : null,
            reason: kind === 'hold' || kind === 'abandon' ? "banc d'essai" : null,
          }),
        );
        if (toStage !== stage) stageEntered = at;
        stage = toStage;
        status = toStatus;
      }
      batch.enrollments.push(
        enrollmentRecord({
          projectId: p,
          programCode,
          cohortId: cohortIndex >= 0 ? cohortIndex + 1 : null,
          stage,
          status,
          statusReason: status === 'active' ? null : "banc d'essai",
          version: path.length,
          enrolledAt: instant(startMs),
          stageEnteredAt: instant(stageEntered),
          lastMovedAt: instant(at),
        }),
      );
      if (batch.transitions.length >= 20_000) await batch.flush();
    }
    await batch.flush();
  });
  await dataSource.query('ANALYZE');
}

runBench(main);
