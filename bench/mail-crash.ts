/**
 * bench/mail-crash: what a worker killed in the middle of a digest run does to the e-mail. Two
 * worker processes (children of this script) send the digests of 120 advisors, each with a task
 * due, through a real SMTP server on loopback that takes 150 ms to accept each message. Once a
 * third of them have reached the server, one worker is killed with SIGKILL; the other finishes
 * the run, taking over what the dead one held once its lock runs out (MAIL_LOCK_SECONDS, 10 here,
 * the least allowed). It prints the e-mails expected, the distinct Message-IDs received, the
 * messages received, the duplicates (a Message-ID received twice) and the e-mails lost. Only what
 * was in flight in the dead worker can be received twice, and a copy carries the Message-ID of the
 * first.
 *
 *   npm run bench:mail-crash                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:mail-crash
 *   ADVISORS=300 ACCEPT_MS=100 LOCK_SECONDS=10 npm run bench:mail-crash
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { localDateOf } from '../src/common/time.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { startSmtpSink } from '../test/support/smtp.js';
import { fmt, inOneTransaction, instantWriter, runBench, startBenchApp } from './support.js';
import { followUpRecord, insertAdvisors, insertRecords, startupCoopRecord } from './support/records.js';

const ADVISORS = Number(process.env.ADVISORS ?? 120);
const ACCEPT_MS = Number(process.env.ACCEPT_MS ?? 150);
const LOCK_SECONDS = Number(process.env.LOCK_SECONDS ?? 10);
/** The whole run, children included, is stopped after this. */
const RUN_LIMIT_MS = 5 * 60_000;
const MAIL_FROM = 'Suivi des projets <suivi@bench.example>';

async function main() {
  const limit = setTimeout(() => {
    console.error(`bench/mail-crash did not finish within ${fmt(RUN_LIMIT_MS)}: stopped`);
    process.exit(1);
  }, RUN_LIMIT_MS);
  const smtp = await startSmtpSink({ acceptDelayMs: ACCEPT_MS });
  const mailEnv = { SMTP_URL: smtp.url, MAIL_FROM, MAIL_LOCK_SECONDS: String(LOCK_SECONDS), RELAY_INTERVAL_MS: '200' };
  const { app, config, dataSource, engine, cleanup } = await startBenchApp('mail-crash', { ROLE: 'api', ...mailEnv });
  const workers: ChildProcess[] = [];
  // Whatever happens, no worker outlives the bench.
  process.on('exit', () => workers.forEach((worker) => worker.kill('SIGKILL')));
  try {
    console.log(
      `bench/mail-crash on ${engine}: ${ADVISORS} advisors with a task due, ` +
        `2 worker processes, SMTP accepting each message in ${ACCEPT_MS} ms, MAIL_LOCK_SECONDS=${LOCK_SECONDS}`,
    );
    const localDate = localDateOf(new Date());
    await loadAdvisors(dataSource, localDate);

    const { database } = config;
    const workerEnv = {
      ...process.env,
      ...mailEnv,
      NODE_ENV: 'test',
      DATABASE_URL: database.kind === 'sqlite' ? `sqlite:${database.path}` : database.url,
      DATABASE_SCHEMA: database.kind === 'postgres' ? (database.schema ?? '') : '',
      QUEUE_PREFIX: config.queuePrefix,
    };
    workers.push(...(await Promise.all([startWorker(workerEnv), startWorker(workerEnv)])));

    await app.get<Queue>(getQueueToken(QUEUES.followUps)).add('daily-digest', { localDate });
    const killAfter = Math.ceil(ADVISORS / 3);
    await waitFor(() => smtp.offered.length >= killAfter, 120_000, `${killAfter} messages at the server`);
    workers[0].kill('SIGKILL');
    const killedAt = Date.now();
    const held = await countRows(dataSource, "status = 'pending' AND locked_until > :now", { now: new Date() });
    console.log(
      `  worker 1 killed (SIGKILL) after ${smtp.offered.length} messages reached the server; ` +
        `${held} e-mails were held by a worker then`,
    );

    const allSent = async () => (await countRows(dataSource, "status = 'sent'")) === ADVISORS;
    await waitFor(allSent, RUN_LIMIT_MS, `${ADVISORS} e-mails sent`);
    const doneAfter = Date.now() - killedAt;
    // A late copy would arrive within one more acceptance; wait well past it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(2_000, 4 * ACCEPT_MS)));

    const rows: { message_id: string }[] = await dataSource.query(
      "SELECT message_id FROM notifications WHERE kind = 'digest'",
    );
    const recorded = new Set(rows.map((row) => row.message_id));
    const received = smtp.received.map((mail) => mail.messageId);
    const distinct = new Set(received);
    const lost = [...recorded].filter((id) => !distinct.has(id)).length;
    const strangers = [...distinct].filter((id) => !recorded.has(id)).length;
    console.log(`  every e-mail recorded sent ${fmt(doneAfter)} after the kill`);
    console.log(`  e-mails expected:                            ${ADVISORS}`);
    console.log(`  distinct Message-IDs received:               ${distinct.size}`);
    console.log(`  total messages received:                     ${received.length}`);
    console.log(`  duplicates (same Message-ID received twice): ${received.length - distinct.size}`);
    console.log(`  messages lost:                               ${lost}`);
    console.log(`  received under a Message-ID not recorded:    ${strangers}`);
  } finally {
    await Promise.all(workers.map(stopWorker));
    await deleteQueueKeys(app.get<Queue>(getQueueToken(QUEUES.mail)), config.queuePrefix);
    await cleanup();
    await smtp.close();
    clearTimeout(limit);
  }
}

/** One advisor per e-mail, each with a project and one open task due on localDate. */
async function loadAdvisors(dataSource: DataSource, localDate: string) {
  const now = instantWriter(dataSource)(Date.now());
  await inOneTransaction(dataSource, async (runner) => {
    const firstAdvisor = await insertAdvisors(runner, ADVISORS);
    const advisors = Array.from({ length: ADVISORS }, (_, i) => firstAdvisor + i);
    const projects = advisors.map((advisorId, i) => startupCoopRecord(i, { advisorId, lastActivityAt: now }));
    await insertRecords(runner, 'projects', projects);
    const followUps = advisors.map((assigneeId, i) =>
      followUpRecord({ projectId: i + 1, assigneeId, dueOn: localDate, note: 'Rappeler la banque' }),
    );
    await insertRecords(runner, 'follow_ups', followUps);
  });
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./mail-crash-worker.js', import.meta.url));
  const worker = fork(script, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it was ready`)));
  });
}

function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => worker.kill('SIGKILL'), 10_000);
    worker.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    worker.kill('SIGTERM');
  });
}

async function countRows(dataSource: DataSource, where: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await dataSource.manager
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from('notifications', 'n')
    .where(where, params)
    .getRawMany<{ n: string | number }>();
  return Number(row.n);
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${fmt(timeoutMs)} for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deleteQueueKeys(queue: Queue, prefix: string) {
  if (queue.client.status !== 'ready') return;
  for await (const keys of queue.client.scanStream({ match: `${prefix}:*`, count: 500 })) {
    if ((keys as string[]).length > 0) await queue.client.del(...(keys as string[]));
  }
}

runBench(main);
