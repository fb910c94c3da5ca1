import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DateTime } from 'luxon';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { Clock } from '../src/common/clock.js';
import { localDateOf } from '../src/common/time.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { createProject } from './support/fixtures.js';
import { startSmtpSink, type SmtpSink } from './support/smtp.js';
import { bearer, startSecondWorker, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// The advisors' daily digest, received over real SMTP from the real queue.

const ZONE = 'America/Toronto';
const at = (localDateTime: string) => DateTime.fromISO(localDateTime, { zone: ZONE }).toJSDate();

interface NotificationRow {
  id: number;
  key: string;
  kind: string;
  recipientEmail: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  subject: string;
  messageId: string | null;
}

describe('daily digest', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let coordinator: string;
  let now: Date;
  const advisors = {} as Record<'marie' | 'john' | 'idle', { id: number; email: string; token: string }>;

  const setClock = (instant: Date) => {
    now = instant;
  };
  const notifications = async (query = ''): Promise<NotificationRow[]> =>
    (await t.http().get(`/notifications?pageSize=500${query}`).set(bearer(coordinator)).expect(200)).body.items;
  const followUpsQueue = () => t.app.get<Queue>(getQueueToken(QUEUES.followUps));
  /** Runs the digest schedule now, as support would, and waits until its job has run. */
  const runDigest = async () => {
    const before = await followUpsQueue().getCompletedCount();
    await t.http().post('/admin/schedules/daily-digest/run').set(bearer(admin)).expect(201);
    await until(async () => (await followUpsQueue().getCompletedCount()) > before);
  };
  const task = async (token: string, projectId: number, dueOn: string, note: string) =>
    (await t.http().post(`/projects/${projectId}/follow-ups`).set(bearer(token)).send({ dueOn, note }).expect(201))
      .body;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_ATTEMPTS: '3',
      MAIL_RETRY_DELAY_MS: '1000',
      MAIL_FROM: 'Suivi <suivi@federation.test>',
    });
    t.app.get(Clock).now = () => now;
    setClock(at('2026-11-23T07:00'));
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    for (const key of ['marie', 'john', 'idle'] as const) {
      const id = await t.userIdFor('advisor', key);
      const token = await t.tokenFor('advisor', key);
      const email = (await t.http().get('/users/me').set(bearer(token)).expect(200)).body.email;
      advisors[key] = { id, email, token };
    }
    await t.http().patch(`/users/${advisors.john.id}`).set(bearer(admin)).send({ language: 'en' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('arrives once per advisor, in their language, with their own tasks due or overdue and nothing else', async () => {
    const marieProject = await createProject(t, advisors.marie.token, { name: 'Coop La Fabrique' });
    const johnProject = await createProject(t, advisors.john.token, { name: 'Coop Les Jardins' });
    await createProject(t, advisors.idle.token, { name: 'Coop Tranquille' });
    setClock(at('2026-11-10T10:00'));
    const overdue = await task(
      advisors.marie.token,
      marieProject.id,
      '2026-11-20',
      "Appeler l'équipe au sujet du prêt",
    );
    const dueToday = await task(advisors.marie.token, marieProject.id, '2026-11-23', 'Relire le plan d’affaires');
    await task(advisors.marie.token, marieProject.id, '2026-11-30', 'Tâche à venir, pas encore');
    const done = await task(advisors.marie.token, marieProject.id, '2026-11-21', 'Tâche déjà faite');
    await t.http().patch(`/follow-ups/${done.id}`).set(bearer(advisors.marie.token)).send({ done: true }).expect(200);
    await task(advisors.john.token, johnProject.id, '2026-11-23', 'Send the lease to the bank');

    setClock(at('2026-11-23T07:00'));
    await runDigest();
    const mails = await smtp.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received).toHaveLength(2);

    const toMarie = mails.find((m) => m.to.includes(advisors.marie.email))!;
    expect(toMarie.subject).toBe("Vos suivis du 23 novembre 2026 : 1 tâche en retard, 1 tâche aujourd'hui");
    expect(toMarie.from).toBe('suivi@federation.test');
    expect(toMarie.text).toContain(`[${overdue.id}] Coop La Fabrique (2026-11-20, 3 jours de retard)`);
    expect(toMarie.text).toContain("Appeler l'équipe au sujet du prêt");
    expect(toMarie.text).toContain(`[${dueToday.id}] Coop La Fabrique (2026-11-23)`);
    expect(toMarie.text).not.toMatch(/à venir|déjà faite|lease/);
    expect(toMarie.text).toContain('marquez-la comme faite');
    // Each task links to where the web app acts on it: Ma journée, at the task.
    expect(toMarie.text).toContain(`${t.config.publicUrl}/app/my-day#task-${overdue.id}`);
    expect(toMarie.text).toContain(`${t.config.publicUrl}/app/my-day#task-${dueToday.id}`);
    expect(toMarie.text).not.toContain('PATCH');

    const toJohn = mails.find((m) => m.to.includes(advisors.john.email))!;
    expect(toJohn.subject).toBe('Your follow-ups for November 23, 2026: 1 task due today');
    expect(toJohn.text).toContain('Send the lease to the bank');
    expect(toJohn.text).not.toContain('prêt');
    expect(mails.some((m) => m.to.includes(advisors.idle.email))).toBe(false);

    const recorded = await notifications('&kind=digest');
    expect(recorded.map((n) => `${n.key} ${n.status} ${n.attempts}`).sort()).toEqual(
      [`digest:${advisors.john.id}:2026-11-23 sent 1`, `digest:${advisors.marie.id}:2026-11-23 sent 1`].sort(),
    );
  });

  it('sends nothing more when it runs again the same day, even from a second worker', async () => {
    await runDigest();
    const worker = await startSecondWorker(t, { SMTP_URL: smtp.url });
    try {
      worker.get(Clock).now = () => now;
      // The same day's digest three more times, for both workers to take.
      const jobs = await Promise.all(
        [1, 2, 3].map(() => followUpsQueue().add('daily-digest', { localDate: '2026-11-23' })),
      );
      const runs = await Promise.all(jobs.map((job) => job.finished()));
      expect(runs.map((run: { recorded: number }) => run.recorded)).toEqual([0, 0, 0]);

      // A new day with both workers running: still one e-mail per advisor.
      setClock(at('2026-11-24T07:00'));
      const nextDay = await Promise.all(
        [1, 2, 3, 4].map(() => followUpsQueue().add('daily-digest', { localDate: '2026-11-24' })),
      );
      const nextRuns = await Promise.all(nextDay.map((job) => job.finished()));
      expect(nextRuns.reduce((sum: number, run: { recorded: number }) => sum + run.recorded, 0)).toBe(2);
      await smtp.waitFor(4);
      await new Promise((resolve) => setTimeout(resolve, 700));
    } finally {
      await worker.close();
    }
    expect(smtp.received).toHaveLength(4);
    const perAdvisorDay = (await notifications('&kind=digest')).map((n) => n.key).sort();
    expect(perAdvisorDay).toEqual(
      [
        `digest:${advisors.john.id}:2026-11-23`,
        `digest:${advisors.john.id}:2026-11-24`,
        `digest:${advisors.marie.id}:2026-11-23`,
        `digest:${advisors.marie.id}:2026-11-24`,
      ].sort(),
    );
  });

  it('lists stale projects with what to do, and leaves out a snoozed one', async () => {
    setClock(at('2026-06-01T07:00'));
    const stale = await createProject(t, advisors.idle.token, { name: 'Coop Oubliée' });
    const snoozed = await createProject(t, advisors.idle.token, { name: 'Coop En Veille' });
    // premier-contact is stale after 60 days without activity.
    setClock(at('2026-11-25T07:00'));
    await t
      .http()
      .post(`/projects/${snoozed.id}/snooze`)
      .set(bearer(advisors.idle.token))
      .send({ until: '2027-01-15', reason: 'La banque répond en janvier' })
      .expect(200);
    await runDigest();
    const mails = await smtp.waitFor(7);
    const toIdle = mails.filter((m) => m.to.includes(advisors.idle.email));
    expect(toIdle).toHaveLength(1);
    expect(toIdle[0].subject).toMatch(/^Vos suivis du 25 novembre 2026 : .*projets? sans activité/);
    expect(toIdle[0].text).toContain(
      `[${stale.id}] Coop Oubliée: à l'étape « Premier contact », aucune activité depuis 177 jours (seuil : 60)`,
    );
    expect(toIdle[0].text).not.toContain('Coop En Veille');
    expect(toIdle[0].text).toContain("mettez l'alerte en veille");
    expect(toIdle[0].text).toContain(`${t.config.publicUrl}/app/my-day#project-${stale.id}`);
  });

  it('retries a refused e-mail with backoff and delivers it once, with one Message-ID on every attempt', async () => {
    smtp.refuse(true);
    const receivedBefore = smtp.received.length;
    const offeredBefore = smtp.offered.length;
    setClock(at('2026-11-26T07:00'));
    await runDigest();
    const key = `digest:${advisors.marie.id}:2026-11-26`;
    const refused = await until(async () => {
      const row = (await notifications('&kind=digest')).find((n) => n.key === key);
      return row && row.attempts >= 1 && row.status === 'pending' && row;
    });
    expect(refused.lastError).toMatch(/451/);
    smtp.refuse(false);
    const sent = await until(async () => {
      const row = (await notifications('&kind=digest')).find((n) => n.key === key);
      return row?.status === 'sent' && row;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.lastError).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const toMarie = smtp.received.slice(receivedBefore).filter((m) => m.to.includes(advisors.marie.email));
    expect(toMarie).toHaveLength(1);

    // Every attempt the server saw, refused or accepted, carried the Message-ID the record shows.
    const offeredToMarie = smtp.offered.slice(offeredBefore).filter((m) => m.to.includes(advisors.marie.email));
    expect(offeredToMarie.map((m) => m.accepted)).toEqual([...Array(sent.attempts - 1).fill(false), true]);
    expect(new Set(offeredToMarie.map((m) => m.messageId))).toEqual(new Set([sent.messageId]));
    const expected = new RegExp(`^<digest\\.${advisors.marie.id}\\.2026-11-26\\.[0-9a-f]+@federation\\.test>$`);
    expect(sent.messageId).toMatch(expected);
    expect(toMarie[0].messageId).toBe(sent.messageId);
  });

  it('marks an e-mail failed after the last attempt, shows it, and sends it when an admin retries it', async () => {
    smtp.refuse(true);
    setClock(at('2026-11-27T07:00'));
    await runDigest();
    const key = `digest:${advisors.marie.id}:2026-11-27`;
    const failed = await until(async () => (await notifications('&status=failed')).find((n) => n.key === key));
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      sentAt: null,
      lastError: expect.stringMatching(/451/),
    });
    const health = (await t.http().get('/health').expect(200)).body;
    expect(health.mail.failed).toBeGreaterThanOrEqual(1);

    smtp.refuse(false);
    const receivedBefore = smtp.received.length;
    const retried = await t.http().post(`/notifications/${failed.id}/retry`).set(bearer(coordinator)).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await until(
      async () =>
        (await t.http().get(`/notifications/${failed.id}`).set(bearer(coordinator)).expect(200)).body.status === 'sent',
    );
    expect(smtp.received.slice(receivedBefore).filter((m) => m.to.includes(advisors.marie.email))).toHaveLength(1);
    await t.http().post(`/notifications/${failed.id}/retry`).set(bearer(coordinator)).expect(422);
  });

  it('is for coordinators and admins to read', async () => {
    await t.http().get('/notifications').set(bearer(advisors.marie.token)).expect(403);
    await t
      .http()
      .get('/notifications')
      .set(bearer(await t.tokenFor('viewer')))
      .expect(403);
    await t.http().get('/notifications?status=lost').set(bearer(coordinator)).expect(400);
  });
});

describe('daily digest across the 2026 daylight-saving changes', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let now: Date;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url });
    t.app.get(Clock).now = () => now;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /**
   * Fires the schedule's tick every hour of real time from one local day to another, as a
   * scheduler might around a change (2 a.m. is skipped in March and comes twice in November), and
   * returns the local dates of the digests recorded for the advisor.
   */
  async function tickThrough(advisorId: number, fromLocal: string, untilLocal: string): Promise<string[]> {
    const ticks = t.app.get<Queue>(getQueueToken(QUEUES.schedules));
    const followUps = t.app.get<Queue>(getQueueToken(QUEUES.followUps));
    const end = at(untilLocal).getTime();
    for (let instant = at(fromLocal).getTime(); instant < end; instant += 60 * 60_000) {
      now = new Date(instant);
      const tick = await ticks.add('schedule-tick', { schedule: 'daily-digest' });
      await tick.finished();
      await until(async () => (await followUps.getWaitingCount()) + (await followUps.getActiveCount()) === 0);
    }
    const rows: { key: string }[] = await t.dataSource.query(
      `SELECT key FROM notifications WHERE recipient_user_id = ${advisorId} ORDER BY key`,
    );
    return rows.map((row) => row.key.split(':')[2]);
  }

  it('sends one digest per local day through the spring change (March 8) and the autumn change (November 1)', async () => {
    now = at('2026-02-01T09:00');
    const advisor = await t.tokenFor('advisor');
    const advisorId = await t.userIdFor('advisor');
    const project = await createProject(t, advisor);
    // Open and overdue through both ranges, so every day has something to send.
    await t
      .http()
      .post(`/projects/${project.id}/follow-ups`)
      .set(bearer(advisor))
      .send({ dueOn: '2026-02-02', note: 'Rappeler le cédant' })
      .expect(201);

    const spring = await tickThrough(advisorId, '2026-03-07T00:00', '2026-03-10T00:00');
    expect(spring).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    const both = await tickThrough(advisorId, '2026-10-31T00:00', '2026-11-03T00:00');
    expect(both).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']);

    await smtp.waitFor(6);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(smtp.received.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('8 mars 2026'), expect.stringContaining('1 novembre 2026')]),
    );
    expect(smtp.received).toHaveLength(6);
  }, 120_000);
});

/** An advisor with a task due today, and today's digest run now: one e-mail to send. */
async function oneDigestToSend(t: TestApp): Promise<{ email: string; notificationId: number }> {
  const admin = await t.tokenFor('admin');
  const advisor = await t.tokenFor('advisor');
  const email = (await t.http().get('/users/me').set(bearer(advisor)).expect(200)).body.email;
  const project = await createProject(t, advisor);
  await t
    .http()
    .post(`/projects/${project.id}/follow-ups`)
    .set(bearer(advisor))
    .send({ dueOn: localDateOf(new Date()), note: 'Rappeler la banque' })
    .expect(201);
  await t.http().post('/admin/schedules/daily-digest/run').set(bearer(admin)).expect(201);
  const coordinator = await t.tokenFor('coordinator');
  const digests = async () =>
    (await t.http().get('/notifications?kind=digest').set(bearer(coordinator)).expect(200)).body.items;
  const row = await until(async () => (await digests())[0]);
  return { email, notificationId: row.id };
}

describe('daily digest through a server slower than the lock on an e-mail', () => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink({ acceptDelayMs: 13_000 });
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_LOCK_SECONDS: '10' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('is sent once through a server slower than the lock, even when its job runs a second time meanwhile', async () => {
    const { email, notificationId } = await oneDigestToSend(t);
    // Past the lock's length, as a job Bull gives to another worker after a stall would be.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const mailQueue = t.app.get<Queue>(getQueueToken(QUEUES.mail));
    const again = await mailQueue.add('send-notification', { notificationId }, { jobId: `again:${notificationId}` });
    expect(await again.finished()).toEqual({ status: 'skipped', notificationId });
    await smtp.waitFor(1, 20_000);
    const coordinator = await t.tokenFor('coordinator');
    const record = async () =>
      (await t.http().get(`/notifications/${notificationId}`).set(bearer(coordinator)).expect(200)).body;
    await until(async () => (await record()).status === 'sent');
    // Until no mail job is left: a second send, had one started, would be counted.
    const unfinished = async () => {
      const { active, waiting, delayed } = await mailQueue.getJobCounts();
      return active + waiting + delayed;
    };
    await until(async () => (await unfinished()) === 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.offered.filter((m) => m.to.includes(email))).toHaveLength(1);
  }, 60_000);
});

describe('daily digest without SMTP_URL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_FROM: 'Suivi <suivi@federation.test>' });
  });
  afterAll(() => t.close());

  it('writes an .eml file with the Message-ID the record shows', async () => {
    const { email, notificationId } = await oneDigestToSend(t);
    const coordinator = await t.tokenFor('coordinator');
    const sent = await until(async () => {
      const row = (await t.http().get(`/notifications/${notificationId}`).set(bearer(coordinator)).expect(200)).body;
      return row.status === 'sent' && row;
    });
    const files = await readdir(t.config.mail.outboxDir);
    expect(files).toHaveLength(1);
    const mail = await PostalMime.parse(await readFile(join(t.config.mail.outboxDir, files[0])));
    expect(mail.to?.map((to) => to.address)).toEqual([email]);
    expect(mail.messageId).toBe(sent.messageId);
    expect(sent.messageId).toMatch(/^<digest\.\d+\.\d{4}-\d{2}-\d{2}\.[0-9a-f]+@federation\.test>$/);
  });
});
