import { localDateOf } from '../src/common/time.js';
import { BuiltService, type ServiceProcess } from './support/built-service.js';
import { advisorsWithTaskDue, createProject } from './support/fixtures.js';
import { startSmtpSink, type SmtpSink } from './support/smtp.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// Processes of the built service killed with SIGKILL, as a crash or the OOM killer would, in the
// middle of their work.

const built = new BuiltService();
beforeAll(() => built.build(), 120_000);
afterAll(() => built.cleanUp());

const PROJECTS = 150;
const KILL_AFTER_ANSWERS = 40;

interface EnrollmentState {
  projectId: number;
  version: number;
  stage: string;
  transitions: number;
}

describe('an api process killed in the middle of a burst of moves', () => {
  let t: TestApp;
  let api: ServiceProcess | undefined;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await api?.kill();
    await t.close();
  });

  async function enrollments(): Promise<Map<number, EnrollmentState>> {
    const rows: { project_id: number; version: number; stage_code: string; transitions: number | string }[] =
      await t.dataSource.query(
        `SELECT e.project_id, e.version, e.stage_code,
              (SELECT COUNT(*) FROM transitions tr WHERE tr.project_id = e.project_id AND tr.program_code = e.program_code) AS transitions
         FROM enrollments e`,
      );
    return new Map(
      rows.map((r) => [
        Number(r.project_id),
        {
          projectId: Number(r.project_id),
          version: Number(r.version),
          stage: r.stage_code,
          transitions: Number(r.transitions),
        },
      ]),
    );
  }

  it('keeps every answered move, leaves no move half-made, and lets the rest be made again', async () => {
    const coordinator = await t.tokenFor('coordinator');
    const projects: number[] = [];
    for (let i = 0; i < PROJECTS; i++) projects.push((await createProject(t, coordinator)).id);
    const before = await enrollments();

    api = await built.start(t, { ROLE: 'api' });
    const answered = new Map<number, number>();
    const failed: number[] = [];
    let killing: Promise<void> | undefined;
    const queue = [...projects];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let projectId = queue.shift(); projectId !== undefined; projectId = queue.shift()) {
          try {
            const response = await fetch(`${api!.url}/projects/${projectId}/transitions`, {
              method: 'POST',
              headers: { ...bearer(coordinator), 'content-type': 'application/json' },
              body: JSON.stringify({ to: 'accompagnement' }),
            });
            if (response.status !== 201) throw new Error(`move answered ${response.status}`);
            answered.set(projectId, ((await response.json()) as { transition: { id: number } }).transition.id);
            if (answered.size === KILL_AFTER_ANSWERS) killing = api!.kill('SIGKILL');
          } catch {
            failed.push(projectId);
          }
        }
      }),
    );
    await killing;
    expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);
    expect(failed.length).toBeGreaterThan(0);

    const after = await enrollments();
    for (const projectId of projects) {
      const was = before.get(projectId)!;
      const is = after.get(projectId)!;
      const moved = is.version - was.version;
      // Whole or not at all: one more version, one more transition and the new stage, or none of them.
      expect({ projectId, moved, transitions: is.transitions - was.transitions, stage: is.stage }).toEqual({
        projectId,
        moved: expect.any(Number),
        transitions: moved,
        stage: moved === 1 ? 'accompagnement' : was.stage,
      });
      expect([0, 1]).toContain(moved);
      if (answered.has(projectId)) expect(moved).toBe(1);
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM transitions WHERE id IN (${[...answered.values()].join(',')})`,
    );
    expect(Number(n)).toBe(answered.size);

    // Nothing is left locked: every project the crash interrupted moves now, through another process.
    for (const projectId of projects.filter((id) => after.get(id)!.version === before.get(id)!.version)) {
      await t
        .http()
        .post(`/projects/${projectId}/transitions`)
        .set(bearer(coordinator))
        .send({ to: 'accompagnement' })
        .expect(201);
    }
    const final = await enrollments();
    expect([...final.values()].filter((e) => projects.includes(e.projectId) && e.stage !== 'accompagnement')).toEqual(
      [],
    );
  }, 180_000);
});

describe('a worker killed in the middle of a digest run, with a slow SMTP server', () => {
  const ADVISORS = 24;
  const MAIL = {
    MAIL_FROM: 'Suivi des projets <suivi@crash.example>',
    MAIL_LOCK_SECONDS: '10',
    RELAY_INTERVAL_MS: '200',
  };
  let smtp: SmtpSink;
  let t: TestApp;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink({ acceptDelayMs: 150 });
    // The api only: the two workers below are the only processes that send.
    t = await startTestApp({ ROLE: 'api', SMTP_URL: smtp.url, ...MAIL });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await t.close();
    await smtp.close();
  });

  it('delivers every digest, and sends again only what the dead worker had in flight, under the same Message-ID', async () => {
    const today = localDateOf(new Date());
    const addresses = await advisorsWithTaskDue(t, ADVISORS, today);
    for (let i = 0; i < 2; i++) workers.push(await built.start(t, { ROLE: 'worker', SMTP_URL: smtp.url, ...MAIL }));
    // A worker serves no api: its own port answers its liveness probe, and nothing else.
    expect(await (await fetch(`${workers[0].url}/health/live`)).json()).toEqual({ status: 'ok', role: 'worker' });
    expect((await fetch(`${workers[0].url}/projects`)).status).toBe(404);

    await t
      .http()
      .post('/admin/schedules/daily-digest/run')
      .set(bearer(await t.tokenFor('admin')))
      .expect(201);
    await until(async () => smtp.offered.length >= 6, 60_000);
    await workers[0].kill('SIGKILL');
    const [{ n: held }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM notifications WHERE status = 'pending' AND locked_until IS NOT NULL`,
    );

    // The survivor takes over what the dead one held once its lock runs out. Every Message-ID may
    // have arrived before that (the server accepted what the dead worker had in flight), so wait for
    // the records too: they say sent only once the survivor has sent them again.
    const unsent = async () =>
      Number(
        (
          await t.dataSource.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'digest' AND status <> 'sent'`)
        )[0].n,
      );
    await until(
      async () => new Set(smtp.received.map((mail) => mail.messageId)).size >= ADVISORS && (await unsent()) === 0,
      90_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const idsByAddress = new Map<string, Set<string>>();
    for (const mail of smtp.received) {
      for (const to of mail.to) idsByAddress.set(to, (idsByAddress.get(to) ?? new Set()).add(mail.messageId));
    }
    // Every advisor got their digest, and whatever came twice came as one message.
    expect([...addresses.values()].filter((address) => idsByAddress.get(address)?.size !== 1)).toEqual([]);
    const duplicates = smtp.received.length - ADVISORS;
    expect(duplicates).toBeLessThanOrEqual(Number(held));

    const rows: { status: string; message_id: string }[] = await t.dataSource.query(
      `SELECT status, message_id FROM notifications WHERE kind = 'digest'`,
    );
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    expect(new Set(rows.map((row) => row.message_id))).toEqual(new Set(smtp.received.map((mail) => mail.messageId)));
  }, 180_000);
});
