/**
 * bench/http: the request path beside a bare server. Loads PROJECTS projects (100,000) and runs
 * ROUNDS rounds (3), the service and the baseline alternating, each load driven by autocannon from
 * a process of its own; prints the median of the rounds and the ratios:
 *   - GET /cohorts/:id/stats at 10 connections, against bench/http/bare-server.ts (the same token
 *     check, SQL, JSON and request logging with nothing between Fastify and the driver, in a
 *     process of its own), checked equal first;
 *   - GET /projects filtered by cohort, by advisor and by program and stage, with one client, the
 *     last beside the bare SQL of its page and count;
 *   - moves (POST /projects/:id/transitions) at 10 connections, each on a project of its own.
 * The service runs as ROLE=api, with the logging (info, JSON, to /dev/null) and compression of production.
 *
 *   npm run bench:http                                   # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:http
 *   PROJECTS=10000 npm run bench:http                    # the lists at a tenth of the size
 */
import { once } from 'node:events';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../src/database/prepared-query.js';
import { cohortScope } from '../src/figures/figure-scope.js';
import { FiguresService } from '../src/figures/figures.service.js';
import { bareMoveLoop } from './http/bare-moves.js';
import { startBareProcess } from './http/bare-server.js';
import { loadHttpBenchData } from './http/load-data.js';
import { runLoad, type LoadOrder, type LoadResult } from './http/load-client.js';
import { BENCH_ADMIN, fmt, listenAndSignIn, median, queryPlan, runBench, startBenchApp, timed } from './support.js';

const PROJECTS = Number(process.env.PROJECTS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 5);
const SQL_RUNS = 200;
// The movable projects sit at the first stage of start-up accompaniment; each moves once, to the next.
const MOVED_TO = 'accompagnement';
// A part of the bench alone, e.g. ONLY=moves to profile the moves.
const ONLY = new Set((process.env.ONLY ?? 'stats,lists,moves').split(','));

async function main() {
  const logStream = pino.destination({ dest: '/dev/null', sync: false });
  await once(logStream, 'ready');
  const { app, config, dataSource, engine, cleanup } = await startBenchApp(
    'http',
    { ROLE: process.env.ROLE ?? 'api' },
    { logger: ['log', 'error', 'warn'], logStream },
  );
  try {
    console.log(`bench/http on ${engine}: ${PROJECTS} projects, ${ROUNDS} rounds`);
    const load = await timed(() => loadHttpBenchData(dataSource, PROJECTS));
    const data = load.result;
    await dataSource.query('ANALYZE');
    await app.get(FiguresService).recomputeScope(cohortScope(data.cohortId));
    console.log(`  loaded in ${fmt(load.ms)}`);

    const { base: service, accessToken: token } = await listenAndSignIn(app);
    const bare = await startBareProcess({ database: config.database, jwtSecret: config.jwtSecret });
    try {
      const statsPath = `/cohorts/${data.cohortId}/stats`;
      await expectSameAnswer(service, bare.url, statsPath, token);

      const lists = {
        'by cohort': `/projects?cohortId=${data.cohortId}&pageSize=50`,
        'by advisor': `/projects?advisorId=${data.advisorId}&pageSize=50`,
        'by program and stage': '/projects?programCode=parcours-coop&stage=formation&pageSize=50',
      };
      // Each round moves projects of its own through the service, then others in the bare loop.
      const movesPerRound = Math.min(4_000, Math.floor(data.movable.length / (2 * ROUNDS)));
      const [{ id: actorId }] = await preparedQuery<{ id: number }>(
        dataSource,
        'SELECT id FROM users WHERE email = :email',
        {
          email: BENCH_ADMIN.email,
        },
      );
      const results: Record<string, LoadResult[]> = {};
      let bareMoves: number[] | undefined;
      const record = (name: string, result: LoadResult) => {
        (results[name] ??= []).push(result);
        if (result.non2xx || result.errors)
          console.log(`  ! ${name}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
      };
      const get = (url: string, path: string, connections: number): LoadOrder => ({
        url,
        token,
        connections,
        seconds: SECONDS,
        method: 'GET',
        paths: [path],
      });
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which goes first, so that neither always meets a warmer machine.
        const pair = round % 2 === 0 ? ['service', 'bare'] : ['bare', 'service'];
        if (ONLY.has('stats'))
          for (const who of pair)
            record(`stats ${who}`, await runLoad(get(who === 'service' ? service : bare.url, statsPath, 10)));
        if (ONLY.has('lists'))
          for (const [name, path] of Object.entries(lists))
            record(`list ${name}`, await runLoad(get(service, path, 1)));
        const projects = data.movable.slice(2 * round * movesPerRound, (2 * round + 1) * movesPerRound);
        const bareProjects = data.movable.slice((2 * round + 1) * movesPerRound, (2 * round + 2) * movesPerRound);
        if (ONLY.has('moves')) {
          record(
            'moves',
            await runLoad({
              url: service,
              token,
              connections: 10,
              seconds: SECONDS,
              method: 'POST',
              paths: projects.map((id) => `/projects/${id}/transitions`),
              body: JSON.stringify({ to: MOVED_TO }),
            }),
          );
          const movesPerSecond = await bareMoveLoop({
            config,
            dataSource,
            projectIds: bareProjects,
            toStage: MOVED_TO,
            actorId: Number(actorId),
            clients: 10,
          });
          (bareMoves ??= []).push(movesPerSecond);
        }
      }
      const listSql = ONLY.has('lists') ? await bareListSql(dataSource) : 0;
      if (ONLY.has('lists')) await printListPlans(dataSource, data);

      const rate = (name: string) => median(results[name].map((r) => r.requestsPerSecond));
      const p = (name: string, key: 'p50' | 'p99') => median(results[name].map((r) => r[key]));
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      if (ONLY.has('stats'))
        console.log(
          `  GET /cohorts/:id/stats, 10 connections  service ${rate('stats service').toFixed(0)} req/s ` +
            `(p50 ${p('stats service', 'p50')} ms, p99 ${p('stats service', 'p99')} ms), bare ${rate('stats bare').toFixed(0)} req/s ` +
            `(p50 ${p('stats bare', 'p50')} ms): ${ratio(rate('stats service'), rate('stats bare'))} x   (target >= 0.85)`,
        );
      if (ONLY.has('lists'))
        for (const name of Object.keys(lists))
          console.log(
            `  GET /projects ${name.padEnd(21)} one client  p50 ${p(`list ${name}`, 'p50')} ms, p99 ${p(`list ${name}`, 'p99')} ms` +
              (name === 'by program and stage'
                ? `; bare SQL (page and count) ${fmt(listSql)}: ${ratio(p(`list ${name}`, 'p50'), listSql)} x   (target <= 1.5)`
                : '   (target p50 < 20 ms)'),
          );
      if (ONLY.has('moves'))
        console.log(
          `  moves, 10 connections, ${movesPerRound} a round  ${rate('moves').toFixed(0)}/s, p50 ${p('moves', 'p50')} ms, ` +
            `p99 ${p('moves', 'p99')} ms; bare write loop ${median(bareMoves!).toFixed(0)}/s: ` +
            `${ratio(rate('moves'), median(bareMoves!))} x   (target >= 2,000/s and p99 < 20 ms on SQLite, >= 0.5 x on PostgreSQL)`,
        );
    } finally {
      await bare.close();
    }
  } finally {
    await cleanup();
  }
}

/** The plans of the lists' pages: each filter should reach its rows through an index. */
async function printListPlans(dataSource: DataSource, data: { cohortId: number; advisorId: number }) {
  const enrolledWhere = (condition: string) =>
    `SELECT p.* FROM projects p WHERE p.id IN (SELECT e.project_id FROM enrollments e WHERE ${condition}) ORDER BY p.name, p.id LIMIT 50`;
  const filters: [string, string, Record<string, unknown>][] = [
    ['cohort', enrolledWhere('e.cohort_id = :cohortId'), { cohortId: data.cohortId }],
    ['advisor', 'SELECT p.* FROM projects p WHERE p.advisor_id = :advisorId ORDER BY p.name, p.id LIMIT 50', data],
    ['program', enrolledWhere('e.program_code = :program'), { program: 'parcours-coop' }],
    [
      'program and stage',
      enrolledWhere('e.program_code = :program AND e.stage_code = :stage'),
      { program: 'parcours-coop', stage: 'formation' },
    ],
  ];
  for (const [name, sql, parameters] of filters) {
    console.log(`  plan of the list by ${name}:`);
    for (const line of await queryPlan(dataSource, sql, parameters)) console.log(`    ${line}`);
  }
}

/** The baseline is only a baseline if it answers what the service answers. */
async function expectSameAnswer(service: string, bare: string, path: string, token: string) {
  const read = async (base: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  };
  const [mine, baseline] = [await read(service), await read(bare)];
  if (JSON.stringify(mine) !== JSON.stringify(baseline))
    throw new Error(`the bare server answers otherwise:\n${JSON.stringify(mine)}\n${JSON.stringify(baseline)}`);
}

/** The median time of the page and the count the list by program and stage needs, as bare SQL. */
async function bareListSql(dataSource: DataSource): Promise<number> {
  const isPostgres = dataSource.options.type === 'postgres';
  const [a, b] = isPostgres ? ['$1', '$2'] : ['?', '?'];
  const matching = `p.id IN (SELECT e.project_id FROM enrollments e WHERE e.program_code = ${a} AND e.stage_code = ${b})`;
  const parameters = ['parcours-coop', 'formation'];
  const times: number[] = [];
  for (let i = 0; i < SQL_RUNS; i++) {
    const { ms } = await timed(async () => {
      await dataSource.query(`SELECT p.* FROM projects p WHERE ${matching} ORDER BY p.name, p.id LIMIT 50`, parameters);
      await dataSource.query(`SELECT COUNT(*) AS n FROM projects p WHERE ${matching}`, parameters);
    });
    times.push(ms);
  }
  return median(times);
}

runBench(main);
