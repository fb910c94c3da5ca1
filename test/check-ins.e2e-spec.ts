import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DateTime } from 'luxon';
import { Clock } from '../src/common/clock.js';
import { QUEUES } from '../src/queue/queue.constants.js';
import { createCohort, createProject } from './support/fixtures.js';
import { startSmtpSink, type SmtpSink } from './support/smtp.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// Post-cohort check-ins: e-mails to the teams still on their way, and a task for their advisor.

const at = (localDateTime: string) => DateTime.fromISO(localDateTime, { zone: 'America/Toronto' }).toJSDate();

describe('post-cohort check-ins', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let coordinator: string;
  let advisor: string;
  let advisorId: number;
  let advisorEmail: string;
  let now: Date;
  const projects = {} as Record<'training' | 'incorporated' | 'abandoned' | 'noContact' | 'oldCohort', { id: number }>;

  /** Runs the check-in schedule now and returns what its job did. */
  const runCheckIns = async (): Promise<{ localDate: string; projects: number; emails: number }> => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.followUps));
    const before = await queue.getCompleted();
    await t.http().post('/admin/schedules/cohort-check-ins/run').set(bearer(admin)).expect(201);
    const job = await until(async () => (await queue.getCompleted()).find((j) => !before.some((b) => b.id === j.id)));
    return job.returnvalue;
  };
  const move = (id: number, to: string, extra: object = {}) =>
    t
      .http()
      .post(`/projects/${id}/transitions`)
      .set(bearer(coordinator))
      .send({ to, ...extra })
      .expect(201);
  /** Lets the mail relay and the SMTP exchange finish, then returns everything received. */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    return smtp.received;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url });
    t.app.get(Clock).now = () => now;
    now = at('2026-01-10T10:00');
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    advisor = await t.tokenFor('advisor');
    advisorId = await t.userIdFor('advisor');
    advisorEmail = (await t.http().get('/users/me').set(bearer(advisor)).expect(200)).body.email;

    const cohort = await createCohort(t, coordinator, { startsOn: '2025-10-01', endsOn: '2026-03-31' });
    const oldCohort = await createCohort(t, coordinator, { startsOn: '2024-04-01', endsOn: '2024-09-30' });
    const inCohort = (name: string, contacts: object[], cohortId = cohort.id) =>
      createProject(t, coordinator, { name, programCode: 'parcours-coop', cohortId, advisorId, contacts });
    projects.training = await inCohort('Coop Boulangerie du Quartier', [
      { name: 'Amélie Tremblay', email: 'amelie@equipe.test', language: 'fr' },
      { name: 'Sam Wilson', email: 'sam@equipe.test', language: 'en' },
    ]);
    projects.incorporated = await inCohort('Coop Déjà Constituée', [
      { name: 'Luc Roy', email: 'luc@equipe.test', language: 'fr' },
    ]);
    projects.abandoned = await inCohort('Coop Dissoute', [
      { name: 'Nadia Côté', email: 'nadia@equipe.test', language: 'fr' },
    ]);
    projects.noContact = await createProject(t, coordinator, {
      name: 'Coop Sans Contact',
      programCode: 'parcours-coop',
      cohortId: cohort.id,
    });
    projects.oldCohort = await inCohort(
      'Coop Ancienne Cohorte',
      [{ name: 'Paul Roy', email: 'paul@equipe.test', language: 'fr' }],
      oldCohort.id,
    );

    for (const to of ['formation', 'formation-completee']) await move(projects.incorporated.id, to);
    await move(projects.incorporated.id, 'constitution');
    await move(projects.training.id, 'formation');
    await move(projects.abandoned.id, 'abandoned', { reason: 'Équipe dissoute' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends nothing before the first offset', async () => {
    now = at('2026-04-29T09:00');
    expect(await runCheckIns()).toEqual({ localDate: '2026-04-29', projects: 0, emails: 0 });
    expect(await settle()).toHaveLength(0);
  });

  it('writes to each contact of an active team 30 days after the cohort ends, in their language, and gives the advisor a task', async () => {
    now = at('2026-04-30T09:00');
    expect(await runCheckIns()).toEqual({ localDate: '2026-04-30', projects: 3, emails: 3 });
    const mails = await smtp.waitFor(3);
    expect(await settle()).toHaveLength(3);

    const french = mails.find((m) => m.to.includes('amelie@equipe.test'))!;
    expect(french.subject).toBe('Des nouvelles de Coop Boulangerie du Quartier ?');
    expect(french.text).toContain('Bonjour Amélie Tremblay,');
    expect(french.text).toMatch(/Il y a 30 jours se terminait la cohorte \d+ \(.+\) du Parcours COOP/);
    expect(french.headers['reply-to']).toContain(advisorEmail);
    const english = mails.find((m) => m.to.includes('sam@equipe.test'))!;
    expect(english.subject).toBe('News from Coop Boulangerie du Quartier?');
    expect(english.text).toContain('Hello Sam Wilson,');
    expect(english.text).toContain('30 days ago');

    // A team that has incorporated is still active: it is asked too. None to a team that has
    // abandoned, or whose cohort ended long ago.
    expect(mails.filter((m) => m.to.includes('luc@equipe.test')).map((m) => m.subject)).toEqual([
      'Des nouvelles de Coop Déjà Constituée ?',
    ]);
    for (const address of ['nadia@equipe.test', 'paul@equipe.test']) {
      expect(mails.some((m) => m.to.includes(address))).toBe(false);
    }

    const tasks = (await t.http().get('/follow-ups?assignee=me').set(bearer(advisor)).expect(200)).body.items;
    expect(tasks).toEqual([
      expect.objectContaining({
        projectId: projects.training.id,
        kind: 'check_in',
        dueOn: '2026-04-30',
        state: 'due',
        assigneeId: advisorId,
        sourceKey: `check-in:${projects.training.id}:30`,
        note: expect.stringContaining("consigner les nouvelles de l'équipe"),
      }),
      expect.objectContaining({
        projectId: projects.incorporated.id,
        kind: 'check_in',
        sourceKey: `check-in:${projects.incorporated.id}:30`,
      }),
    ]);
    // A team without an advisor still gets its task, unassigned, for a coordinator to hand out.
    const unassigned = (await t.http().get('/follow-ups?assignee=none').set(bearer(coordinator)).expect(200)).body
      .items;
    expect(unassigned.map((task: { projectId: number; kind: string }) => [task.projectId, task.kind])).toEqual([
      [projects.noContact.id, 'check_in'],
    ]);

    const recorded = (await t.http().get('/notifications?kind=check_in').set(bearer(coordinator)).expect(200)).body
      .items;
    expect(
      recorded
        .map((n: { key: string; language: string; status: string }) => [
          n.key.replace(/\d+$/, 'N'),
          n.language,
          n.status,
        ])
        .sort(),
    ).toEqual(
      [
        [`check-in:${projects.incorporated.id}:30:contact:N`, 'fr', 'sent'],
        [`check-in:${projects.training.id}:30:contact:N`, 'en', 'sent'],
        [`check-in:${projects.training.id}:30:contact:N`, 'fr', 'sent'],
      ].sort(),
    );
  });

  it('does it once: a second run the same day, or a later one before the next offset, sends nothing', async () => {
    expect(await runCheckIns()).toMatchObject({ projects: 0, emails: 0 });
    now = at('2026-05-12T09:00');
    expect(await runCheckIns()).toMatchObject({ projects: 0, emails: 0 });
    expect(await settle()).toHaveLength(3);
  });

  it('catches up on a check-in missed by a few days, at the next offset', async () => {
    // 90 days after March 31 is June 29; the service "was down" until July 3.
    now = at('2026-07-03T09:00');
    expect(await runCheckIns()).toEqual({ localDate: '2026-07-03', projects: 3, emails: 3 });
    await smtp.waitFor(6);
    const latest = (await settle()).slice(3);
    expect(latest.map((m) => m.subject).sort()).toEqual([
      'Des nouvelles de Coop Boulangerie du Quartier ?',
      'Des nouvelles de Coop Déjà Constituée ?',
      'News from Coop Boulangerie du Quartier?',
    ]);
    expect(latest.find((m) => m.to.includes('amelie@equipe.test'))!.text).toContain('Il y a 90 jours');
  });

  it('follows the offsets an admin sets for the program', async () => {
    const updated = await t
      .http()
      .patch('/programs/parcours-coop')
      .set(bearer(admin))
      .send({ checkInOffsets: [200, 45] })
      .expect(200);
    expect(updated.body.checkInOffsets).toEqual([45, 200]);
    // 180 days after March 31 is September 27: no longer an offset, so nothing then.
    now = at('2026-09-27T09:00');
    expect(await runCheckIns()).toMatchObject({ projects: 0 });
    // 200 days after is October 17.
    now = at('2026-10-17T09:00');
    expect(await runCheckIns()).toMatchObject({ projects: 3, emails: 3 });
    await smtp.waitFor(9);
  });

  it('leaves the task unassigned, for a coordinator, when the advisor has left', async () => {
    await t
      .http()
      .patch('/programs/parcours-coop')
      .set(bearer(admin))
      .send({ checkInOffsets: [250] })
      .expect(200);
    await t.http().patch(`/users/${advisorId}`).set(bearer(admin)).send({ active: false }).expect(200);
    // 250 days after March 31 is December 6.
    now = at('2026-12-06T09:00');
    expect(await runCheckIns()).toMatchObject({ projects: 3, emails: 3 });
    const tasks = (
      await t.http().get(`/follow-ups?projectId=${projects.training.id}&state=due`).set(bearer(coordinator)).expect(200)
    ).body.items;
    expect(tasks).toEqual([
      expect.objectContaining({ sourceKey: `check-in:${projects.training.id}:250`, assigneeId: null }),
    ]);
    const mails = await smtp.waitFor(12);
    expect(mails.slice(9).every((m) => !m.headers['reply-to'])).toBe(true);
  });
});
