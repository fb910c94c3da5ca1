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
import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { localDateOf, LOCAL_ZONE } from '../src/common/time.js';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config.js';
import { DigestBuilder, OPEN_TASKS_DUE_SQL } from '../src/follow-ups/digest/digest-builder.js';
import { digestEmail } from '../src/follow-ups/digest/digest-email.js';
import { fmt, inOneTransaction, instantWriter, median, queryPlan, runBench, startBenchApp, timed } from './support.js';
import {
  enrollmentRecord,
  followUpRecord,
  insertAdvisors,
  insertRecords,
  startupCoopRecord,
  type TableRecord,
} from './support/records.js';

const ADVISORS = Number(process.env.ADVISORS ?? 500);
const PROJECTS = Number(process.env.PROJECTS ?? 20_000);
const FOLLOW_UPS = Number(process.env.FOLLOW_UPS ?? 200_000);
const PAST_DONE_SHARE = 0.95;
const DAY = 86_400_000;
const STAGES = ['premier-contact', 'accompagnement', 'plan-affaires', 'montage-financier'];

async function main() {
  const { app, dataSource, engine, cleanup } = await startBenchApp('reminders', { ROLE: 'api' });
  try {
    console.log(`bench/reminders on ${engine}: ${ADVISORS} advisors, ${PROJECTS} projects, ${FOLLOW_UPS} follow-ups`);
    const now = DateTime.fromISO('2026-11-23T07:00', { zone: LOCAL_ZONE }).toJSDate();
    const localDate = localDateOf(now);

    const load = await timed(() => load500Advisors(dataSource, now));
    console.log(`  loaded in ${fmt(load.ms)}`);
    await dataSource.query('ANALYZE');

    const builder = app.get(DigestBuilder);
    const { publicUrl } = app.get<AppConfig>(APP_CONFIG);
    const runs: number[] = [];
    let summary = '';
    for (let run = 0; run < 5; run++) {
      const { ms, result } = await timed(async () => {
        const digests = await builder.build(localDate, now);
        const mails = digests.map((digest) => digestEmail(digest, publicUrl));
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

    console.log('  plan of the open tasks due:');
    for (const line of await queryPlan(dataSource, OPEN_TASKS_DUE_SQL, { localDate })) console.log(`    ${line}`);
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
    const firstAdvisor = await insertAdvisors(runner, ADVISORS, (i) => (i % 5 === 0 ? 'en' : 'fr'));
    const advisorOf = (i: number) => firstAdvisor + (i % ADVISORS);

    const projects: TableRecord[] = [];
    const enrollments: TableRecord[] = [];
    for (let i = 0; i < PROJECTS; i++) {
      // Last activity 0 to 300 days ago: with thresholds of 60 to 120 days, many are stale.
      const lastActivity = instant(base - Math.floor(random() * 300) * DAY);
      projects.push(startupCoopRecord(i, { advisorId: advisorOf(i), lastActivityAt: lastActivity }));
      enrollments.push(
        enrollmentRecord({
          projectId: i + 1,
          programCode: 'demarrage',
          cohortId: null,
          stage: STAGES[i % STAGES.length],
          status: i % 10 === 0 ? 'abandoned' : 'active',
          version: 1,
          enrolledAt: lastActivity,
          stageEnteredAt: lastActivity,
          lastMovedAt: lastActivity,
        }),
      );
    }
    await insertRecords(runner, 'projects', projects);
    await insertRecords(runner, 'enrollments', enrollments);

    const followUps: TableRecord[] = [];
    for (let i = 0; i < FOLLOW_UPS; i++) {
      const project = Math.floor(random() * PROJECTS);
      // Three years of tasks and two months ahead; nearly all the past ones are done.
      const due = base + Math.floor(random() * (3 * 365 + 60) - 3 * 365) * DAY;
      const done = due < base && random() < PAST_DONE_SHARE;
      followUps.push(
        followUpRecord({
          projectId: project + 1,
          assigneeId: advisorOf(project),
          dueOn: day(due),
          note: `Tâche ${i} : rappeler l'équipe au sujet du financement`,
          doneAt: done ? instant(due) : null,
        }),
      );
    }
    await insertRecords(runner, 'follow_ups', followUps);
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
