/**
 * bench/reminders: 500 advisors, 20,000 projects, 200,000 follow-up tasks over three years (the
 * past ones nearly all done, about 10 % still open), then
 *   - the time to build every advisor's digest for a day (the tasks due or overdue, the stale
 *     projects, the e-mail text), median of five runs;
 *   - the query plan of the read of open tasks due, which must use an index.
 * Target: every digest built in under 2 s.
 *
 *   npm run bench:reminders                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:reminders
 */
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { localDateOf, LOCAL_ZONE } from '../src/common/time.js';
import { namedQuery } from '../src/database/named-query.js';
import { DigestBuilder, OPEN_TASKS_DUE_SQL } from '../src/follow-ups/digest/digest-builder.js';
import { digestEmail } from '../src/follow-ups/digest/digest-email.js';
import { fmt, inOneTransaction, insertRows, instantWriter, median, runBench, startBenchApp, timed } from './support.js';

const ADVISORS = Number(process.env.ADVISORS ?? 500);
const PROJECTS = Number(process.env.PROJECTS ?? 20_000);
const FOLLOW_UPS = Number(process.env.FOLLOW_UPS ?? 200_000);
const PAST_DONE_SHARE = 0.95;
const DAY = 86_400_000;
const STAGES = ['premier-contact', 'accompagnement', 'plan-affaires', 'montage-financier'];

async function main() {
  const { app, cleanup } = await startBenchApp('reminders', { ROLE: 'api' });
  try {
    const dataSource = app.get(DataSource);
    const isPostgres = dataSource.options.type === 'postgres';
    console.log(
      `bench/reminders on ${isPostgres ? 'PostgreSQL' : 'SQLite'}: ${ADVISORS} advisors, ${PROJECTS} projects, ${FOLLOW_UPS} follow-ups`,
    );
    const now = DateTime.fromISO('2026-11-23T07:00', { zone: LOCAL_ZONE }).toJSDate();
    const localDate = localDateOf(now);

    const load = await timed(() => load500Advisors(dataSource, now));
    console.log(`  loaded in ${fmt(load.ms)}`);
    await dataSource.query('ANALYZE');

    const builder = app.get(DigestBuilder);
    const runs: number[] = [];
    let summary = '';
    for (let run = 0; run < 5; run++) {
      const { ms, result } = await timed(async () => {
        const digests = await builder.build(localDate, now);
        const mails = digests.map((digest) => digestEmail(digest));
        return { digests, bytes: mails.reduce((sum, mail) => sum + mail.body.length, 0) };
      });
      runs.push(ms);
      const { digests, bytes } = result;
      const tasks = digests.reduce((sum, d) => sum + d.overdue.length + d.dueToday.length, 0);
      const stale = digests.reduce((sum, d) => sum + d.stale.length, 0);
      summary = `${digests.length} digests, ${tasks} tasks due or overdue, ${stale} stale projects, ${(bytes / 1e6).toFixed(1)} MB of text`;
    }
    console.log(`  every digest for ${localDate}: ${summary}`);
    console.log(`  build time, median of 5: ${fmt(median(runs))} (runs: ${runs.map(fmt).join(', ')}; target < 2 s)`);

    const explain = isPostgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
    const plan = await namedQuery<{ 'QUERY PLAN'?: string; detail?: string }>(
      dataSource.manager,
      `${explain} ${OPEN_TASKS_DUE_SQL}`,
      {
        localDate,
      },
    );
    console.log('  plan of the open tasks due:');
    for (const row of plan) console.log(`    ${isPostgres ? row['QUERY PLAN'] : row.detail}`);
  } finally {
    await cleanup();
  }
}

/** Writes advisors, projects in start-up accompaniment, and their tasks straight into the tables. */
async function load500Advisors(dataSource: DataSource, now: Date) {
  const instant = instantWriter(dataSource);
  const day = (ms: number) => localDateOf(new Date(ms));
  const base = now.getTime();
  const random = mulberry32(42);
  await inOneTransaction(dataSource, async (runner) => {
    const [{ id: firstUser }] = (await runner.query('SELECT MAX(id) + 1 AS id FROM users')) as { id: number }[];
    const users = Array.from({ length: ADVISORS }, (_, i) => [
      `advisor-${i}@bench.example`,
      `Conseillère ${i}`,
      'advisor',
      i % 5 === 0 ? 'en' : 'fr',
      'not-a-hash',
      true,
    ]);
    await insertRows(runner, 'users', ['email', 'name', 'role', 'language', 'password_hash', 'active'], users);
    const advisorOf = (i: number) => Number(firstUser) + (i % ADVISORS);

    const projects: unknown[][] = [];
    const enrollments: unknown[][] = [];
    for (let i = 0; i < PROJECTS; i++) {
      // Last activity 0 to 300 days ago: with thresholds of 60 to 120 days, many are stale.
      const lastActivity = base - Math.floor(random() * 300) * DAY;
      projects.push([
        `Coop ${i}`,
        `coop ${i}`,
        'services',
        'startup',
        'worker',
        '06',
        3,
        false,
        1,
        advisorOf(i),
        instant(lastActivity),
      ]);
      enrollments.push([
        i + 1,
        'demarrage',
        null,
        STAGES[i % STAGES.length],
        i % 10 === 0 ? 'abandoned' : 'active',
        1,
        instant(lastActivity),
        instant(lastActivity),
        instant(lastActivity),
      ]);
    }
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
        'fictitious',
        'version',
        'advisor_id',
        'last_activity_at',
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
        'version',
        'enrolled_at',
        'stage_entered_at',
        'last_moved_at',
      ],
      enrollments,
    );

    const followUps: unknown[][] = [];
    for (let i = 0; i < FOLLOW_UPS; i++) {
      const project = Math.floor(random() * PROJECTS);
      // Three years of tasks and two months ahead; nearly all the past ones are done.
      const due = base + Math.floor(random() * (3 * 365 + 60) - 3 * 365) * DAY;
      const done = due < base && random() < PAST_DONE_SHARE;
      followUps.push([
        project + 1,
        advisorOf(project),
        day(due),
        `Tâche ${i} : rappeler l'équipe au sujet du financement`,
        'task',
        done ? instant(due) : null,
      ]);
    }
    await insertRows(
      runner,
      'follow_ups',
      ['project_id', 'assignee_id', 'due_on', 'note', 'kind', 'done_at'],
      followUps,
    );
  });
}

/** A small seeded generator, so every run builds the same data. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

runBench(main);
