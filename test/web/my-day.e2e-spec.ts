import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { namedQuery } from '../../src/database/named-query.js';
import {
  DEMO_EMAILS,
  DEMO_PASSWORD,
  openPage,
  screenshots,
  seriousA11yViolations,
  signIn,
  webAppForEachFile,
  type WebApp,
} from './browser.js';
import { localDateOf } from '../../src/common/time.js';
import { createCohort, createProject } from '../support/fixtures.js';
import { bearer } from '../support/test-app.js';
import { until } from '../support/until.js';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

interface Task {
  id: number;
  projectId: number;
  note: string;
  state: string;
  dueOn: string;
  doneAt: string | null;
  outcome: string | null;
}

describe('Ma journée, in a browser: an advisor acts on the day without leaving the page', () => {
  const webApp = webAppForEachFile();
  let web: WebApp;
  let advisor: string;
  let stale: { id: number; name: string }[];

  beforeAll(async () => {
    web = webApp();
    const login = await web.t
      .http()
      .post('/auth/login')
      .send({ email: DEMO_EMAILS.advisor, password: DEMO_PASSWORD })
      .expect(200);
    advisor = login.body.accessToken;
    const me = await web.t.http().get('/users/me').set(bearer(advisor)).expect(200);
    // The demo is loaded today, which is every project's last activity: three of the advisor's
    // takeovers are set back to a year and more ago, past their stages' thresholds.
    const takeovers = await web.t
      .http()
      .get(`/projects?advisorId=${me.body.id}&programCode=transfertcoop&status=active&sort=name`)
      .set(bearer(advisor))
      .expect(200);
    stale = (takeovers.body.items as { id: number; name: string }[]).slice(0, 3);
    await namedQuery(web.t.dataSource.manager, 'UPDATE projects SET last_activity_at = :then WHERE id IN (:...ids)', {
      // Half a day more than 400: days are counted in Montréal, where the change of time between
      // then and now made 400 × 24 hours 399 days for an hour each night.
      then: new Date(Date.now() - 400.5 * DAY_MS),
      ids: stale.map((project) => project.id),
    });
  }, 180_000);

  async function myDay() {
    const opened = await openPage(web, '/app/my-day');
    await signIn(opened.page, DEMO_EMAILS.advisor);
    await opened.page.getByRole('heading', { level: 1, name: 'Ma journée' }).waitFor();
    // The tasks and the stale projects are two reads: both are drawn before the page is looked at.
    await opened.page.getByTestId('task-row').first().waitFor();
    await opened.page.getByTestId('stale-project-row').first().waitFor();
    return opened;
  }
  const section = (page: Page, title: RegExp) => page.getByRole('region', { name: title });
  const task = async (id: number) =>
    (await web.t.http().get(`/follow-ups/${id}`).set(bearer(advisor)).expect(200)).body as Task;
  const idOf = async (row: ReturnType<Page['getByTestId']>, attribute: string) =>
    Number(await row.getAttribute(attribute));

  it('lists the tasks overdue, due today and coming, and the projects that stopped moving', async () => {
    const { page, problems } = await myDay();
    for (const title of [/^En retard/, /^Aujourd’hui/, /^À venir/]) {
      await expect(section(page, title).getByTestId('task-row').count()).resolves.toBe(1);
    }
    const staleNames = await section(page, /^Projets immobiles/)
      .getByTestId('stale-project-row')
      .locator('.item__title')
      .allTextContents();
    expect(staleNames.sort()).toEqual(stale.map((project) => project.name).sort());
    await section(page, /^Projets immobiles/)
      .getByText(/Sans activité depuis 40\d jours/)
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'my-day-stale');
    expect(problems).toEqual([]);
  });

  it('opens a line of the digest from its link: after signing in, Ma journée shows it and gives it the focus', async () => {
    const admin = (
      await web.t.http().post('/auth/login').send({ email: DEMO_EMAILS.admin, password: DEMO_PASSWORD }).expect(200)
    ).body.accessToken as string;
    await web.t.http().post('/admin/schedules/daily-digest/run').set(bearer(admin)).expect(201);
    const me = await web.t.http().get('/users/me').set(bearer(advisor)).expect(200);
    // The links as the advisor's e-mail gives them, on this test's own address instead of PUBLIC_URL.
    const digest = await until(async () => {
      const list = await web.t
        .http()
        .get(`/notifications?kind=digest&userId=${me.body.id}`)
        .set(bearer(admin))
        .expect(200);
      return (list.body.items as { body: string }[])[0];
    }, 20_000);
    const links = [...digest.body.matchAll(/^ {2}(\S+\/app\/my-day#(task|project)-\d+)$/gm)].map((match) => {
      const url = new URL(match[1]);
      return { kind: match[2], path: `${url.pathname}${url.hash}`, anchor: url.hash.slice(1) };
    });
    const taskLink = links.find((link) => link.kind === 'task')!;
    // The last of the stale projects, which the tests below leave alone.
    const projectLink = links.find((link) => link.anchor === `project-${stale[2].id}`)!;
    expect(taskLink).toBeDefined();
    expect(projectLink).toBeDefined();

    const follow = async (path: string) => {
      // Signed out, as from a mail client: the sign-in page, then back to the line.
      const opened = await openPage(web, path);
      await opened.page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await signIn(opened.page, DEMO_EMAILS.advisor);
      await opened.page.getByRole('heading', { level: 1, name: 'Ma journée' }).waitFor();
      expect(opened.page.url()).toBe(`${web.origin}${path}`);
      return opened;
    };
    for (const link of [taskLink, projectLink]) {
      const { page, problems } = await follow(link.path);
      await until(async () => (await page.evaluate(() => document.activeElement?.id)) === link.anchor, 10_000);
      await expect(page.locator(`#${link.anchor}`).isVisible()).resolves.toBe(true);
      expect(problems).toEqual([]);
    }

    // A line that has left the lists since (the project moved again: a note) is said, not silently missing.
    await web.t
      .http()
      .post(`/projects/${stale[2].id}/notes`)
      .set(bearer(advisor))
      .send({ body: 'Rencontre prévue la semaine prochaine' })
      .expect(201);
    const { page, problems } = await follow(projectLink.path);
    await page.getByText('Le projet du lien n’est plus immobile', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('marks the overdue task done with an outcome: it leaves the open list, and the API shows it done', async () => {
    const { page, problems } = await myDay();
    const row = section(page, /^En retard/).getByTestId('task-row');
    const id = await idOf(row, 'data-task-id');
    await row.getByRole('button', { name: 'Marquer comme faite' }).click();
    await row.getByLabel('Ce qui en est ressorti').fill('La caisse accepte le prêt ; signature en janvier');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'my-day-mark-done');
    await row.getByRole('button', { name: 'Enregistrer comme faite' }).click();

    await page.getByRole('status').getByText('Tâche « ', { exact: false }).waitFor();
    await section(page, /^En retard/)
      .getByText('Rien en retard.')
      .waitFor();
    // The row is gone: the focus is on its section's heading, not lost on the page.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('section-overdue');
    expect(page.url()).toMatch(/\/app\/my-day$/);
    expect(await task(id)).toMatchObject({
      state: 'done',
      doneAt: expect.any(String),
      outcome: 'La caisse accepte le prêt ; signature en janvier',
    });
    const open = await web.t.http().get('/follow-ups?state=open').set(bearer(advisor)).expect(200);
    expect((open.body.items as Task[]).map((t) => t.id)).not.toContain(id);
    const done = await web.t.http().get('/follow-ups?state=done').set(bearer(advisor)).expect(200);
    expect((done.body.items as Task[]).map((t) => t.id)).toContain(id);
    expect(problems).toEqual([]);
  });

  it('reschedules the task due today: it moves to the coming ones', async () => {
    const { page, problems } = await myDay();
    const row = section(page, /^Aujourd’hui/).getByTestId('task-row');
    const id = await idOf(row, 'data-task-id');
    const before = await task(id);
    await row.getByRole('button', { name: 'Reporter' }).click();
    const later = new Date(Date.parse(`${before.dueOn}T00:00:00Z`) + 10 * DAY_MS).toISOString().slice(0, 10);
    await row.getByLabel('Nouvelle échéance').fill(later);
    await row.getByRole('button', { name: 'Reporter la tâche' }).click();

    await section(page, /^Aujourd’hui/)
      .getByText('Rien pour aujourd’hui.')
      .waitFor();
    await section(page, /^À venir/)
      .locator(`[data-task-id="${id}"]`)
      .waitFor();
    expect(await task(id)).toMatchObject({ dueOn: later, state: 'upcoming' });
    expect(problems).toEqual([]);
  });

  it("adds a note to a task's project, and to a stale project, which then moves again", async () => {
    const { page, problems } = await myDay();
    const row = section(page, /^À venir/)
      .getByTestId('task-row')
      .first();
    const taskId = await idOf(row, 'data-task-id');
    const { projectId } = await task(taskId);
    await row.getByRole('button', { name: 'Ajouter une note au projet' }).click();
    await row.getByLabel('Note', { exact: true }).fill('Plan d’affaires reçu, à relire');
    await row.getByRole('button', { name: 'Enregistrer la note' }).click();
    await page.getByRole('status').getByText('Note ajoutée au projet', { exact: false }).waitFor();
    // The task stays: the focus is back on the button that opened the note.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Ajouter une note au projet');
    const notes = await web.t.http().get(`/projects/${projectId}/notes`).set(bearer(advisor)).expect(200);
    expect((notes.body as { body: string }[]).map((n) => n.body)).toContain('Plan d’affaires reçu, à relire');

    const staleRow = page.locator(`[data-project-id="${stale[0].id}"]`);
    await staleRow.getByRole('button', { name: 'Ajouter une note au projet' }).click();
    await staleRow.getByLabel('Note', { exact: true }).fill('Appel fait : le vendeur attend l’évaluation');
    await staleRow.getByRole('button', { name: 'Enregistrer la note' }).click();
    // A note is activity: the project is no longer stale.
    await staleRow.waitFor({ state: 'detached' });
    const staleNotes = await web.t.http().get(`/projects/${stale[0].id}/notes`).set(bearer(advisor)).expect(200);
    expect((staleNotes.body as { body: string }[]).map((n) => n.body)).toContain(
      'Appel fait : le vendeur attend l’évaluation',
    );
    expect(problems).toEqual([]);
  });

  it('snoozes a stale project with a reason, from the keyboard alone', async () => {
    const { page, problems } = await myDay();
    const project = stale[1];
    const row = page.locator(`[data-project-id="${project.id}"]`);
    await row.getByRole('button', { name: 'Mettre en veille' }).focus();
    await page.keyboard.press('Enter');
    // The form's first field takes the focus; Escape closes it and gives the focus back.
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    await expect(focused()).resolves.toBe(`project-${project.id}-snooze-until`);
    await page.keyboard.press('Escape');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Mettre en veille');
    await page.keyboard.press('Enter');

    // Tab walks through the date's day, month and year first, then to the reason.
    for (let i = 0; i < 4 && (await focused()) !== `project-${project.id}-snooze-reason`; i++)
      await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe(`project-${project.id}-snooze-reason`);
    await page.keyboard.type('La banque répond en janvier');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'my-day-snooze');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await row.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(`Alerte de « ${project.name} » en veille`, { exact: false }).waitFor();
    const after = await web.t.http().get(`/projects/${project.id}`).set(bearer(advisor)).expect(200);
    expect(after.body).toMatchObject({ snoozeReason: 'La banque répond en janvier', snoozedUntil: expect.any(String) });
    const stillStale = await web.t.http().get('/projects?stale=true&pageSize=500').set(bearer(advisor)).expect(200);
    expect((stillStale.body.items as { id: number }[]).map((p) => p.id)).not.toContain(project.id);
    expect(problems).toEqual([]);
  });
  it('closes a post-cohort check-in with the team’s workers now: the task is done and the count recorded', async () => {
    // A cohort that ended 30 days ago today, with a team of the advisor's: the check-in schedule,
    // run now, gives the advisor its check-in task (its first offset is 30 days).
    const coordinator = (
      await web.t
        .http()
        .post('/auth/login')
        .send({ email: DEMO_EMAILS.coordinator, password: DEMO_PASSWORD })
        .expect(200)
    ).body.accessToken as string;
    const admin = (
      await web.t.http().post('/auth/login').send({ email: DEMO_EMAILS.admin, password: DEMO_PASSWORD }).expect(200)
    ).body.accessToken as string;
    const today = localDateOf(new Date());
    const daysBefore = (days: number) =>
      new Date(Date.parse(`${today}T12:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
    const cohort = await createCohort(web.t, coordinator, { startsOn: daysBefore(150), endsOn: daysBefore(30) });
    const me = await web.t.http().get('/users/me').set(bearer(advisor)).expect(200);
    const project = await createProject(web.t, coordinator, {
      name: 'Coop Relance',
      programCode: 'parcours-coop',
      cohortId: cohort.id,
      advisorId: me.body.id,
      contacts: [{ name: 'Léa Gagnon', email: 'lea@relance.test', language: 'fr' }],
    });
    await web.t.http().post('/admin/schedules/cohort-check-ins/run').set(bearer(admin)).expect(201);
    const checkIn = await until(async () => {
      const open = await web.t.http().get(`/follow-ups?projectId=${project.id}&state=open`).set(bearer(advisor));
      return (open.body.items as (Task & { kind: string })[] | undefined)?.find((task) => task.kind === 'check_in');
    }, 20_000);

    // Every stale project has moved or been snoozed by now: the page is ready once the check-in is there.
    const { page, problems } = await openPage(web, '/app/my-day');
    await signIn(page, DEMO_EMAILS.advisor);
    const row = section(page, /^Relances après cohorte/).locator(`[data-task-id="${checkIn.id}"]`);
    await row.getByRole('button', { name: 'Marquer comme faite' }).click();
    await row.getByLabel('Personnes qui travaillent dans la coopérative maintenant').fill('4');
    await row.getByLabel('Ce qui en est ressorti').fill('Constituée en mars, quatre membres travailleurs');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'my-day-check-in');
    await row.getByRole('button', { name: 'Enregistrer comme faite' }).click();
    await row.waitFor({ state: 'detached' });

    expect(await task(checkIn.id)).toMatchObject({
      state: 'done',
      outcome: 'Constituée en mars, quatre membres travailleurs',
    });
    const counts = await web.t.http().get(`/projects/${project.id}/jobs`).set(bearer(advisor)).expect(200);
    expect(JSON.stringify(counts.body)).toContain('"jobs":4');
    expect(problems).toEqual([]);
  });
});
