import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
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
import { bearer } from '../support/test-app.js';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

interface Enrollment {
  programCode: string;
  cohort: { id: number; number: number; label: string } | null;
  stage: { code: string; labelFr: string; labelEn: string };
  stageEnteredAt: string;
}
interface Project {
  id: number;
  name: string;
  sector: string;
  advisor: { name: string } | null;
  contacts?: { name: string; email: string }[];
  enrollments: Enrollment[];
  hours: number;
  financing: { requestedCents: number; grantedCents: number; requests: number };
}
interface HistoryLine {
  kind: string;
  to: string;
  daysInStage: number | null;
}
interface Program {
  code: string;
  nameFr: string;
  stages: { code: string; labelFr: string; labelEn: string }[];
}

/** Today's date in Montréal, as the service and the app count days. */
const montrealDate = (instant: Date | string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
const daysSince = (instant: string) =>
  Math.round(
    (Date.parse(`${montrealDate(new Date())}T00:00:00Z`) - Date.parse(`${montrealDate(instant)}T00:00:00Z`)) / DAY_MS,
  );
/** Dollars as a French-Canadian reads them (« 12 500,00 $ »), spaces made plain for comparing texts. */
const dollarsFr = (cents: number) =>
  new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }).format(cents / 100).replace(/\s/g, ' ');
const plainSpaces = (text: string) => text.replace(/\s+/g, ' ');

describe('a project’s page, in a browser: what the API gives each role, and a note added', () => {
  const webApp = webAppForEachFile();
  let web: WebApp;
  let advisor: string;
  let coordinator: string;
  let project: Project;
  let history: HistoryLine[];
  let programs: Program[];
  const note = 'La caisse demande des prévisions sur trois ans (test)';
  const openTask = 'Relancer l’équipe au sujet du plan d’affaires (test)';
  const doneTask = 'Envoyer le gabarit de prévisions (test)';

  const http = () => web.t.http();
  const login = async (email: string) =>
    (await http().post('/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body.accessToken as string;

  beforeAll(async () => {
    web = webApp();
    advisor = await login(DEMO_EMAILS.advisor);
    coordinator = await login(DEMO_EMAILS.coordinator);
    const me = await http().get('/users/me').set(bearer(advisor)).expect(200);
    programs = (await http().get('/programs').set(bearer(advisor)).expect(200)).body as Program[];

    // One of the advisor's Parcours COOP projects with a cohort, contacts and a few moves.
    const list = await http()
      .get(`/projects?advisorId=${me.body.id}&programCode=parcours-coop&sort=name&pageSize=100`)
      .set(bearer(advisor))
      .expect(200);
    for (const { id } of list.body.items as { id: number }[]) {
      const read = (await http().get(`/projects/${id}`).set(bearer(advisor)).expect(200)).body as Project;
      const lines = (await http().get(`/projects/${id}/transitions`).set(bearer(advisor)).expect(200))
        .body as HistoryLine[];
      if ((read.contacts?.length ?? 0) > 0 && read.enrollments[0]?.cohort && lines.length >= 3) {
        project = read;
        break;
      }
    }
    expect(project).toBeDefined();

    // What the demo lacks for this project is added through the API: hours, a request, notes, tasks.
    if (project.hours === 0)
      await http()
        .post('/time-entries')
        .set(bearer(advisor))
        .send({
          projectId: project.id,
          workedOn: montrealDate(new Date(Date.now() - 3 * DAY_MS)),
          hours: 2.5,
          interventionType: 'plan-affaires',
        })
        .expect(201);
    if (project.financing.requests === 0)
      await http()
        .post(`/projects/${project.id}/funding-requests`)
        .set(bearer(advisor))
        .send({ sourceCode: 'caisses', instrument: 'loan', requestedCents: 1_250_000, status: 'in_preparation' })
        .expect(201);
    await http().post(`/projects/${project.id}/notes`).set(bearer(advisor)).send({ body: note }).expect(201);
    const tomorrow = montrealDate(new Date(Date.now() + DAY_MS));
    await http()
      .post(`/projects/${project.id}/follow-ups`)
      .set(bearer(advisor))
      .send({ dueOn: tomorrow, note: openTask })
      .expect(201);
    const done = await http()
      .post(`/projects/${project.id}/follow-ups`)
      .set(bearer(advisor))
      .send({ dueOn: tomorrow, note: doneTask })
      .expect(201);
    await http()
      .patch(`/follow-ups/${done.body.id}`)
      .set(bearer(advisor))
      .send({ done: true, outcome: 'Gabarit envoyé' })
      .expect(200);

    project = (await http().get(`/projects/${project.id}`).set(bearer(advisor)).expect(200)).body as Project;
    history = (
      await http()
        .get(`/projects/${project.id}/transitions?programCode=${project.enrollments[0].programCode}`)
        .set(bearer(advisor))
        .expect(200)
    ).body as HistoryLine[];
  }, 180_000);

  /** The project's page, signed in as this person, once its history is there. */
  async function projectPage(email: string, id = project.id) {
    const opened = await openPage(web, `/app/projects/${id}`);
    await signIn(opened.page, email);
    await opened.page.waitForURL(`**/app/projects/${id}`);
    return opened;
  }
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const stageLabel = (programCode: string, code: string) =>
    programs.find((p) => p.code === programCode)!.stages.find((s) => s.code === code)?.labelFr;

  /** What every staff member sees: the project, its enrollment, the moves in order, contacts, notes. */
  async function expectStaffView(page: Page) {
    await heading(page, project.name).waitFor();
    const facts = page.getByTestId('project-facts');
    await facts.getByText(project.sector, { exact: true }).waitFor();
    await facts.getByText(project.advisor!.name, { exact: true }).waitFor();

    const enrollment = project.enrollments[0];
    const card = page.getByTestId('enrollment').first();
    await card
      .getByRole('heading', { level: 3, name: programs.find((p) => p.code === enrollment.programCode)!.nameFr })
      .waitFor();
    await expect(card.getByTestId('current-stage').textContent()).resolves.toBe(enrollment.stage.labelFr);
    await card.getByText(`depuis ${daysSince(enrollment.stageEnteredAt)} jours`, { exact: false }).waitFor();
    const cohortLink = card.getByRole('link', {
      name: `Cohorte ${enrollment.cohort!.number} · ${enrollment.cohort!.label}`,
    });
    await expect(cohortLink.getAttribute('href')).resolves.toBe(`/app/cohorts/${enrollment.cohort!.id}/board`);

    // The moves, oldest first as the API gives them: each line names the stage reached, and the
    // days spent in the stage it left.
    const lines = card.getByTestId('timeline-line');
    await lines.nth(history.length - 1).waitFor();
    await expect(lines.count()).resolves.toBe(history.length);
    const texts = await lines.allTextContents();
    history.forEach((line, i) => {
      const reached =
        line.kind === 'hold' || line.kind === 'abandon' ? null : stageLabel(enrollment.programCode, line.to);
      if (reached) expect(texts[i]).toContain(reached);
      if (line.daysInStage !== null) expect(texts[i]).toContain(`${line.daysInStage} jours à « `);
    });

    const contacts = section(page, 'Contacts');
    for (const contact of project.contacts!) await contacts.getByText(contact.name, { exact: true }).waitFor();
    await section(page, 'Notes').getByText(note, { exact: true }).waitFor();

    const hours = await page.getByTestId('hours-total').textContent();
    expect(plainSpaces(hours!)).toContain(
      `${new Intl.NumberFormat('fr-CA', { maximumFractionDigits: 2 }).format(project.hours)} h au total`.replace(
        /\s/g,
        ' ',
      ),
    );
    const totals = plainSpaces((await page.getByTestId('financing-totals').textContent())!);
    expect(totals).toContain(dollarsFr(project.financing.requestedCents));
    expect(totals).toContain(dollarsFr(project.financing.grantedCents));
  }

  it('shows an advisor the project, its moves in order with their days, contacts, tasks, notes, hours and financing', async () => {
    const { page, problems } = await projectPage(DEMO_EMAILS.advisor);
    await expectStaffView(page);
    const tasks = section(page, 'Tâches de suivi');
    await tasks.getByText('Vos tâches sur ce projet', { exact: false }).waitFor();
    await tasks
      .getByTestId('project-task')
      .filter({ hasText: openTask })
      .getByText('Échéance', { exact: false })
      .waitFor();
    await tasks
      .getByTestId('project-task')
      .filter({ hasText: doneTask })
      .getByText('Gabarit envoyé', { exact: false })
      .waitFor();
    await expect(page.title()).resolves.toBe(`${project.name} · Suivi des projets`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'project');
    expect(problems).toEqual([]);
  });

  it('adds a note from the page: it appears first in the list, and the API has it', async () => {
    const { page, problems } = await projectPage(DEMO_EMAILS.advisor);
    await heading(page, project.name).waitFor();
    const notes = section(page, 'Notes');
    await notes.getByRole('button', { name: 'Ajouter une note' }).click();
    await notes
      .getByLabel('Note', { exact: true })
      .fill('Rencontre avec la caisse le 12 ; apporter les états financiers');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'project-add-note');
    await notes.getByRole('button', { name: 'Enregistrer la note' }).click();

    await notes.getByRole('status').getByText(`Note ajoutée au projet « ${project.name} ».`).waitFor();
    // The notes are read again: the new one comes first, newest first as the API gives them.
    await notes
      .getByTestId('project-note')
      .first()
      .getByText('Rencontre avec la caisse le 12 ; apporter les états financiers', { exact: true })
      .waitFor();
    // The form closed: the focus is back on the button that opened it.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Ajouter une note');
    const stored = await http().get(`/projects/${project.id}/notes`).set(bearer(advisor)).expect(200);
    expect((stored.body as { body: string }[])[0].body).toBe(
      'Rencontre avec la caisse le 12 ; apporter les états financiers',
    );
    expect(problems).toEqual([]);
  });

  it('shows a coordinator the same, with everyone’s tasks, and in English on request', async () => {
    const { page, problems } = await projectPage(DEMO_EMAILS.coordinator);
    await expectStaffView(page);
    const tasks = section(page, 'Tâches de suivi');
    await tasks.getByText(openTask).waitFor();
    await expect(tasks.getByText('Vos tâches sur ce projet', { exact: false }).count()).resolves.toBe(0);
    const everyone = await http()
      .get(`/follow-ups?projectId=${project.id}&pageSize=500`)
      .set(bearer(coordinator))
      .expect(200);
    await expect(tasks.getByTestId('project-task').count()).resolves.toBe(everyone.body.total);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page, project.name).waitFor();
    await expect(page.getByTestId('current-stage').first().textContent()).resolves.toBe(
      project.enrollments[0].stage.labelEn,
    );
    await page.getByRole('region', { name: 'Financing', exact: true }).waitFor();
    const totals = plainSpaces((await page.getByTestId('financing-totals').textContent())!);
    expect(totals).toContain(
      new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }).format(
        project.financing.requestedCents / 100,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('shows a viewer the project and its moves, but no contact, no task and no note', async () => {
    const { page, problems } = await projectPage(DEMO_EMAILS.viewer);
    await heading(page, project.name).waitFor();
    await page.getByTestId('timeline-line').first().waitFor();
    await page.getByTestId('hours-total').waitFor();
    await page.getByTestId('financing-totals').waitFor();
    await section(page, 'Emplois').waitFor();
    // Every call has been answered: a section still there now is there for good.
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('timeline-line').count()).resolves.toBe(history.length);

    for (const name of ['Contacts', 'Notes', 'Tâches de suivi'])
      await expect(section(page, name).count()).resolves.toBe(0);
    // No error either: a section the role may not read is simply not there.
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    const text = (await page.locator('body').textContent())!;
    for (const contact of project.contacts!) {
      expect(text).not.toContain(contact.name);
      expect(text).not.toContain(contact.email);
    }
    expect(text).not.toContain(note);
    expect(text).not.toContain(openTask);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'project-viewer');
    expect(problems).toEqual([]);
  });

  it('says "not found" for a project that does not exist, and for a path that names none', async () => {
    const { page, problems } = await projectPage(DEMO_EMAILS.advisor, 99_999_999);
    await heading(page, 'Projet introuvable').waitFor();
    await page.getByRole('link', { name: 'Retour à Ma journée' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'project-not-found');

    await page.goto('/app/projects/not-a-number');
    await heading(page, 'Projet introuvable').waitFor();
    expect(problems).toEqual([]);
  });

  it('leads from a task in Ma journée to its project’s page', async () => {
    const { page, problems } = await openPage(web, '/app/my-day');
    await signIn(page, DEMO_EMAILS.advisor);
    await heading(page, 'Ma journée').waitFor();
    const row = page.getByTestId('task-row').filter({ hasText: openTask });
    await row.getByRole('link', { name: project.name }).click();
    await page.waitForURL(`**/app/projects/${project.id}`);
    await heading(page, project.name).waitFor();
    // The new page's heading has the focus, for a screen reader to announce it.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
    await page.goBack();
    await heading(page, 'Ma journée').waitFor();
    expect(problems).toEqual([]);
  });
});
