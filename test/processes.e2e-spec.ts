import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { localDateOf } from '../src/common/time.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { SCHEDULE_NAMES } from '../src/schedules/schedules.js';
import { BuiltService, type ServiceProcess } from './support/built-service.js';
import type { Counts, Health } from './support/figures.js';
import { advisorsWithTaskDue, createCohort, createProject } from './support/fixtures.js';
import { startSmtpSink, type SmtpSink } from './support/smtp.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// The deployment the operations guide describes, as separate processes of the built service: two
// ROLE=api processes share a burst of moves while two ROLE=worker processes relay the figures, run
// the daily schedules and send the digests; one worker is killed with SIGKILL in the middle of it.
// Several api and worker processes are a PostgreSQL deployment (SQLite suits one process): on
// SQLite this file is skipped, and says so.
const onPostgres = process.env.DATABASE_URL?.startsWith('postgres') ?? false;
const describeOnPostgres = onPostgres ? describe : describe.skip;

const PROJECTS = 200;
const COHORTS = 4;
const ADVISORS = 16;
const CLIENTS = 10;
const METRICS_TOKEN = 'metrics-token-for-the-process-test';
// Each project's five moves, made in order by one client: forward, back with a note, forward again,
// then incorporated, or abandoned for a third of the projects (a figure of its own).
const movesOf = (index: number): Record<string, string>[] => [
  { to: 'formation' },
  { to: 'formation-completee' },
  { to: 'formation', note: 'Module repris' },
  { to: 'formation-completee' },
  index % 3 === 2 ? { to: 'abandoned', reason: 'Équipe dissoute' } : { to: 'constitution' },
];

interface Answer {
  projectId: number;
  transitionId: number;
}

describeOnPostgres(
  `two api and two worker processes on PostgreSQL (${onPostgres ? 'running' : 'skipped: SQLite'})`,
  () => {
    const built = new BuiltService();
    let smtp: SmtpSink;
    let t: TestApp;

    beforeAll(async () => {
      built.build();
      smtp = await startSmtpSink({ acceptDelayMs: 100 });
      // The test's own app serves the api only: it neither relays nor works a queue, so whatever is
      // computed or sent was done by the worker processes.
      t = await startTestApp({ ROLE: 'api', SMTP_URL: smtp.url });
    }, 120_000);
    afterAll(async () => {
      // Every process the build started is killed, whatever failed.
      await built.cleanUp();
      await t?.close();
      await smtp?.close();
    }, 60_000);

    const snapshot = async () => {
      const rows: { project_id: number; version: number; transitions: number | string }[] = await t.dataSource.query(
        `SELECT e.project_id, e.version,
              (SELECT COUNT(*) FROM transitions tr WHERE tr.project_id = e.project_id AND tr.program_code = e.program_code) AS transitions
         FROM enrollments e`,
      );
      return new Map(
        rows.map((r) => [Number(r.project_id), { version: Number(r.version), transitions: Number(r.transitions) }]),
      );
    };
    const jobsProcessedBy = async (worker: ServiceProcess) => {
      const text = await (await fetch(`${worker.url}/metrics`, { headers: bearer(METRICS_TOKEN) })).text();
      return [...text.matchAll(/^coop_job_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    };

    it('records every move once, computes the same figures as a fresh read, delivers every digest and runs each schedule once', async () => {
      const coordinator = await t.tokenFor('coordinator');
      const admin = await t.tokenFor('admin');
      const today = localDateOf(new Date());

      // Advisors with a task due today: each is owed one digest.
      const addresses = await advisorsWithTaskDue(t, ADVISORS, today);
      // Projects in cohorts of two reporting years, created through the api, ten at a time.
      const cohorts: number[] = [];
      for (let i = 0; i < COHORTS; i++)
        cohorts.push(
          (
            await createCohort(t, coordinator, {
              startsOn: `202${3 + (i % 2)}-05-1${i}`,
              endsOn: `202${3 + (i % 2)}-11-20`,
            })
          ).id,
        );
      const projects: number[] = [];
      const toCreate = [...Array(PROJECTS).keys()];
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = toCreate.shift(); i !== undefined; i = toCreate.shift()) {
            const cohortId = cohorts[i % COHORTS];
            projects[i] = (
              await createProject(t, coordinator, {
                programCode: 'parcours-coop',
                cohortId,
                entrepreneurCount: 1 + (i % 3),
              })
            ).id;
          }
        }),
      );
      const before = await snapshot();

      const env = { SMTP_URL: smtp.url, MAIL_LOCK_SECONDS: '10', METRICS_TOKEN, FIGURES_DEBOUNCE_MS: '200' };
      const [apiA, apiB, ...workers] = await Promise.all(
        ['api', 'api', 'worker', 'worker'].map((role) => built.start(t, { ...env, ROLE: role })),
      );
      const apis = [apiA, apiB];

      // The burst: each client moves its projects one move at a time, every request to the other api.
      const plan = projects.map((projectId, index) => ({ projectId, moves: movesOf(index) }));
      const total = plan.reduce((n, p) => n + p.moves.length, 0);
      expect(total).toBeGreaterThanOrEqual(1_000);
      const answers: Answer[] = [];
      const refused: string[] = [];
      let sent = 0;
      const burst = Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let next = plan.shift(); next !== undefined; next = plan.shift()) {
            for (const move of next.moves) {
              const api = apis[sent++ % apis.length];
              const response = await fetch(`${api.url}/projects/${next.projectId}/transitions`, {
                method: 'POST',
                headers: { ...bearer(coordinator), 'content-type': 'application/json' },
                body: JSON.stringify(move),
              });
              const body = (await response.json()) as { transition: { id: number } };
              if (response.status !== 201) {
                // A 5xx is logged by the process that answered it: its last lines say why. Any other
                // refusal says which process answered, and whether it still runs.
                const log =
                  response.status >= 500
                    ? `\n${api.output.slice(-4_000)}`
                    : ` (from ${api.url}, ${api.running ? 'running' : 'exited'})`;
                refused.push(
                  `${next.projectId} ${JSON.stringify(move)}: ${response.status} ${JSON.stringify(body)}${log}`,
                );
                break;
              }
              answers.push({ projectId: next.projectId, transitionId: body.transition.id });
            }
          }
        }),
      );

      // Early in the burst, every schedule's tick fires three times, as a schedule fired again the
      // same day would (a reconciled repeatable job, a daylight-saving change), and an admin runs
      // the digest by hand besides (a manual run is not held to once a day; its e-mails' keys are).
      await until(async () => answers.length >= 50 || refused.length > 0, 60_000);
      const ticks = t.app.get<Queue>(getQueueToken(QUEUES.schedules));
      const fired: Job[] = [];
      for (let round = 0; round < 3; round++)
        for (const schedule of SCHEDULE_NAMES) fired.push(await ticks.add('schedule-tick', { schedule }));
      await fetch(`${apiB.url}/admin/schedules/daily-digest/run`, { method: 'POST', headers: bearer(admin) }).then(
        (response) => expect(response.status).toBe(201),
      );

      // Killed while digests go out, moves come in and figures are recomputed.
      await until(async () => smtp.offered.length >= 3 || answers.length === total, 60_000);
      const killedHadWorked = await jobsProcessedBy(workers[0]);
      const answeredAtKill = answers.length;
      await workers[0].kill('SIGKILL');
      expect({ answeredAtKill, midBurst: answeredAtKill < total, killedHadWorked: killedHadWorked > 0 }).toMatchObject({
        midBurst: true,
        killedHadWorked: true,
      });

      await burst;
      expect(refused).toEqual([]);
      expect(answers).toHaveLength(total);

      // Every move recorded once: one transition row per answer, none unanswered, one version each.
      const transitionIds = answers.map((a) => a.transitionId);
      expect(new Set(transitionIds).size).toBe(total);
      const [{ n: recorded }] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM transitions WHERE id IN (${transitionIds.join(',')})`,
      );
      expect(Number(recorded)).toBe(total);
      const after = await snapshot();
      const answeredPer = new Map<number, number>();
      for (const a of answers) answeredPer.set(a.projectId, (answeredPer.get(a.projectId) ?? 0) + 1);
      const wrong = projects
        .map((projectId) => ({
          projectId,
          answered: answeredPer.get(projectId) ?? 0,
          versions: after.get(projectId)!.version - before.get(projectId)!.version,
          transitions: after.get(projectId)!.transitions - before.get(projectId)!.transitions,
        }))
        .filter((p) => p.versions !== p.answered || p.transitions !== p.answered);
      expect(wrong).toEqual([]);

      // Every schedule claimed its day once, and enqueued its work once: of its three ticks, one did
      // (a tick the dead worker held is taken up again once Bull finds it stalled).
      const results = await until(async () => {
        const jobs = await Promise.all(fired.map((job) => ticks.getJob(job.id)));
        const done = await Promise.all(jobs.map(async (job) => job && (await job.getState()) === 'completed'));
        return (
          done.every(Boolean) && jobs.map((job) => job!.returnvalue as { enqueued: boolean } & { localDate: string })
        );
      }, 90_000);
      const enqueued = Object.fromEntries(
        SCHEDULE_NAMES.map((name) => [
          name,
          fired.filter((job, i) => job.data.schedule === name && results[i].enqueued).length,
        ]),
      );
      expect(enqueued).toEqual(Object.fromEntries(SCHEDULE_NAMES.map((name) => [name, 1])));
      const runs: { name: string; local_date: string }[] = await t.dataSource.query(
        'SELECT name, local_date FROM schedule_runs ORDER BY name',
      );
      expect(runs.map((r) => `${r.name} ${String(r.local_date)}`)).toEqual(
        [...SCHEDULE_NAMES].sort().map((name) => `${name} ${today}`),
      );
      for (const [queue, name] of [
        [QUEUES.figures, 'figures-recompute'],
        [QUEUES.followUps, 'daily-digest'],
        [QUEUES.followUps, 'cohort-check-ins'],
        [QUEUES.followUps, 'contact-retention'],
      ] as const)
        expect(await t.app.get<Queue>(getQueueToken(queue)).getJob(`${name}:${today}`)).not.toBeNull();

      // Every digest delivered: each advisor got theirs, and a copy sent again (the dead worker's
      // e-mail in flight) carries the first one's Message-ID. The survivor resends once the dead
      // worker's hold on an e-mail runs out, or once Bull finds its job stalled (30 to 60 s).
      const idsByAddress = new Map<string, Set<string>>();
      await until(async () => {
        idsByAddress.clear();
        for (const mail of smtp.received)
          for (const to of mail.to) idsByAddress.set(to, (idsByAddress.get(to) ?? new Set()).add(mail.messageId));
        return [...addresses.values()].every((address) => idsByAddress.has(address));
      }, 90_000).catch(() => undefined);
      expect([...addresses.values()].filter((address) => idsByAddress.get(address)?.size !== 1)).toEqual([]);
      const digests: { status: string; message_id: string; recipient_user_id: number }[] = await until(async () => {
        const rows: { status: string; message_id: string; recipient_user_id: number }[] = await t.dataSource.query(
          `SELECT status, message_id, recipient_user_id FROM notifications WHERE kind = 'digest'`,
        );
        return rows.every((row) => row.status === 'sent') && rows;
      }, 30_000);
      expect(digests.map((row) => Number(row.recipient_user_id)).sort((a, b) => a - b)).toEqual(
        [...addresses.keys()].sort((a, b) => a - b),
      );
      expect(new Set(digests.map((row) => row.message_id))).toEqual(
        new Set(smtp.received.map((mail) => mail.messageId)),
      );

      // Every figure as a fresh computation from the moves gives it, once the figures' work is done.
      await until(async () => {
        const health = (await t.http().get('/health')).body as Health;
        const figures = health.queues?.[QUEUES.figures];
        return (
          health.outbox.pendingScopes === 0 && figures?.waiting === 0 && figures.active === 0 && figures.delayed === 0
        );
      }, 90_000);
      const read = async (path: string) => {
        const response = await fetch(`${apiA.url}${path}`, { headers: bearer(coordinator) });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        return (await response.json()) as Counts;
      };
      const paths = [
        ...cohorts.map((id) => `/cohorts/${id}/stats`),
        ...['2023-2024', '2024-2025'].flatMap((year) => [
          `/programs/parcours-coop/stats?year=${year}`,
          `/programs/parcours-coop/funnel?year=${year}`,
        ]),
      ];
      for (const path of paths) {
        const stored = await read(path);
        const fresh = await read(`${path}${path.includes('?') ? '&' : '?'}fresh=true`);
        expect({ path, ...stored, computedAt: null }).toEqual({ path, ...fresh, computedAt: null });
        expect({ path, pending: stored.pending }).toEqual({ path, pending: false });
      }
      // And those figures are the moves' own: the first cohort's projects, a third of them abandoned.
      const first = [...Array(PROJECTS).keys()].filter((i) => i % COHORTS === 0);
      const abandoned = first.filter((i) => movesOf(i)[4].to === 'abandoned').length;
      expect(await read(`/cohorts/${cohorts[0]}/stats`)).toMatchObject({
        registered: first.length,
        abandoned,
        incorporated: first.length - abandoned,
      });
    }, 240_000);
  },
);
