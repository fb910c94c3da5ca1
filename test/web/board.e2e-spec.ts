import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { namedQuery } from '../../src/database/named-query.js';
import { csvTables } from '../support/exports.js';
import { bearer } from '../support/test-app.js';
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

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

interface Enrollment {
  cohortId: number | null;
  status: 'active' | 'on_hold' | 'abandoned';
  statusReason?: string | null;
  version: number;
  stage: { code: string; labelFr: string };
}
interface Project {
  id: number;
  name: string;
  advisorId: number | null;
  enrollments: Enrollment[];
}
interface HistoryEntry {
  kind: string;
  from: string | null;
  to: string;
  note?: string | null;
  reason?: string | null;
  actor: { name: string } | null;
}

describe("a cohort's board, in a browser: its columns and cards, moves, conflicts and the export", () => {
  const webApp = webAppForEachFile();
  let web: WebApp;
  let advisor: string;
  let advisorId: number;
  const cohorts = new Map<number, number>();

  beforeAll(async () => {
    web = webApp();
    const login = await web.t
      .http()
      .post('/auth/login')
      .send({ email: DEMO_EMAILS.advisor, password: DEMO_PASSWORD })
      .expect(200);
    advisor = login.body.accessToken;
    advisorId = (await web.t.http().get('/users/me').set(bearer(advisor)).expect(200)).body.id;
    const list = await web.t.http().get('/cohorts?programCode=parcours-coop').set(bearer(advisor)).expect(200);
    for (const cohort of list.body as { id: number; number: number }[]) cohorts.set(cohort.number, cohort.id);
  }, 180_000);

  /** The board of a demo cohort (19 or 20), signed in as `email`. */
  async function board(cohortNumber: number, email = DEMO_EMAILS.advisor) {
    const opened = await openPage(web, `/app/cohorts/${cohorts.get(cohortNumber)}/board`);
    await signIn(opened.page, email);
    await opened.page.getByRole('heading', { level: 1, name: new RegExp(`^Cohorte ${cohortNumber} · `) }).waitFor();
    return opened;
  }
  async function projects(cohortNumber: number): Promise<Project[]> {
    const id = cohorts.get(cohortNumber)!;
    const answer = await web.t.http().get(`/projects?cohortId=${id}&pageSize=500`).set(bearer(advisor)).expect(200);
    return answer.body.items as Project[];
  }
  const enrollmentIn = (project: Project, cohortNumber: number) =>
    project.enrollments.find((e) => e.cohortId === cohorts.get(cohortNumber))!;
  async function project(cohortNumber: number, name: string): Promise<Project> {
    return (await projects(cohortNumber)).find((p) => p.name === name)!;
  }
  async function history(id: number): Promise<HistoryEntry[]> {
    return (await web.t.http().get(`/projects/${id}/transitions`).set(bearer(advisor)).expect(200)).body;
  }
  const column = (page: Page, key: string) => page.locator(`[data-column="${key}"]`);
  const card = (page: Page, id: number) => page.locator(`[data-testid="board-card"][data-project-id="${id}"]`);
  const namesIn = (place: Page | Locator) =>
    place.getByTestId('board-card').locator('.board-card__title').allTextContents();
  const columnOf = (e: Enrollment) => (e.status === 'active' ? e.stage.code : e.status);
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-move-button'));

  it('lists the cohorts by program, newest first, and opens a board whose columns and cards are the API’s', async () => {
    // A project of the other advisor idle for a year and more: past its stage's threshold.
    const idle = await project(20, 'La Tétro');
    await namedQuery(web.t.dataSource.manager, 'UPDATE projects SET last_activity_at = :then WHERE id = :id', {
      then: new Date(Date.now() - 400 * DAY_MS),
      id: idle.id,
    });

    const { page, problems } = await openPage(web, '/app/cohorts');
    await signIn(page, DEMO_EMAILS.advisor);
    await page.getByRole('heading', { level: 1, name: 'Cohortes' }).waitFor();
    const parcours = page.getByRole('region', { name: 'Parcours COOP' });
    await parcours.getByTestId('cohort-row').first().waitFor();
    await expect(parcours.getByTestId('cohort-row').locator('a').allTextContents()).resolves.toEqual([
      'Cohorte 20 · Automne 2023',
      'Cohorte 19 · Printemps 2023',
    ]);
    await page.getByRole('region', { name: 'Parcours TransfertCOOP' }).getByText('Aucune cohorte').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'cohorts');

    await parcours.getByRole('link', { name: 'Cohorte 20 · Automne 2023' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cohorte 20 · Automne 2023' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/app/cohorts/${cohorts.get(20)}/board$`));
    await page.getByTestId('board-card').first().waitFor();

    const stages = (await web.t.http().get('/programs/parcours-coop/stages').set(bearer(advisor)).expect(200)).body as {
      code: string;
      labelFr: string;
    }[];
    const titles = await page
      .locator('.board-column__title')
      .evaluateAll((headings) => headings.map((h) => h.firstChild?.textContent));
    expect(titles).toEqual([...stages.map((s) => s.labelFr), 'En pause', 'Abandonnés']);

    const expected = await projects(20);
    await expect(page.getByTestId('board-card').count()).resolves.toBe(expected.length);
    for (const key of [...stages.map((s) => s.code), 'on_hold', 'abandoned']) {
      const names = expected.filter((p) => columnOf(enrollmentIn(p, 20)) === key).map((p) => p.name);
      expect((await namesIn(column(page, key))).sort()).toEqual(names.sort());
    }

    // Marks in words: the idle project, the paused one; the advisor moves only their own projects.
    await card(page, idle.id).getByText('Immobile').waitFor();
    const paused = expected.find((p) => enrollmentIn(p, 20).status === 'on_hold')!;
    await card(page, paused.id)
      .getByText(/^En pause depuis \d+ j$/)
      .waitFor();
    await expect(card(page, idle.id).getByRole('button', { name: 'Déplacer' }).count()).resolves.toBe(0);
    const own = expected.filter((p) => p.advisorId === advisorId);
    await expect(page.getByRole('button', { name: 'Déplacer' }).count()).resolves.toBe(own.length);
    const moving = expected.find((p) => p.name === 'Lurlubelrue')!;
    await card(page, moving.id)
      .getByText(/^\d+ j dans l’étape$/)
      .waitFor();
    await card(page, moving.id).getByText('Conseil : Conseillère (démo)').waitFor();
    await expect(card(page, moving.id).getByRole('link', { name: 'Lurlubelrue' }).getAttribute('href')).resolves.toBe(
      `/app/projects/${moving.id}`,
    );

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'board');
    expect(problems).toEqual([]);
  });

  it('moves a card from the keyboard, then another by drag and drop: the API shows them moved, in their history', async () => {
    const { page, problems } = await board(20);
    const byKeyboard = await project(20, 'Lurlubelrue');
    expect(enrollmentIn(byKeyboard, 20).stage.code).toBe('constitution');

    await card(page, byKeyboard.id).getByRole('button', { name: 'Déplacer' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Déplacer « Lurlubelrue »' });
    await dialog.waitFor();
    // The next stage is chosen, and has the focus; Escape closes the dialog, the focus back on the card.
    await expect(dialog.getByRole('radio', { name: 'En activité' }).isChecked()).resolves.toBe(true);
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).value)).resolves.toBe('en-activite');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(focused(page)).resolves.toBe(String(byKeyboard.id));
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'board-move-dialog');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Déplacer le projet');
    await page.keyboard.press('Enter');

    await page.getByRole('status').getByText('« Lurlubelrue » est maintenant à l’étape « En activité ».').waitFor();
    await column(page, 'en-activite').locator(`[data-project-id="${byKeyboard.id}"]`).waitFor();
    await expect(focused(page)).resolves.toBe(String(byKeyboard.id));
    expect(enrollmentIn(await project(20, 'Lurlubelrue'), 20)).toMatchObject({
      status: 'active',
      stage: { code: 'en-activite' },
    });
    expect((await history(byKeyboard.id)).at(-1)).toMatchObject({
      kind: 'move',
      from: 'constitution',
      to: 'en-activite',
      actor: { name: 'Conseillère (démo)' },
    });

    const dragged = await project(20, 'La Seiche');
    expect(enrollmentIn(dragged, 20).stage.code).toBe('constitution');
    await card(page, dragged.id).dragTo(column(page, 'en-activite'), { targetPosition: { x: 40, y: 20 } });
    await page.getByRole('status').getByText('« La Seiche » est maintenant à l’étape « En activité ».').waitFor();
    await column(page, 'en-activite').locator(`[data-project-id="${dragged.id}"]`).waitFor();
    expect(enrollmentIn(await project(20, 'La Seiche'), 20).stage.code).toBe('en-activite');
    expect((await history(dragged.id)).at(-1)).toMatchObject({ kind: 'move', from: 'constitution', to: 'en-activite' });
    expect(problems).toEqual([]);
  });

  it('asks for a note to move back and for a reason to abandon, and the API records them', async () => {
    const { page, problems } = await board(20);
    const back = await project(20, 'Dimension physio');
    expect(enrollmentIn(back, 20).stage.code).toBe('en-activite');
    await card(page, back.id).getByRole('button', { name: 'Déplacer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Déplacer « Dimension physio »' });
    await dialog.getByRole('radio', { name: 'Constitution en coopérative' }).check();
    await dialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await dialog.getByText('Ce champ est obligatoire.').waitFor();
    await dialog
      .getByLabel('Note : pourquoi revenir en arrière')
      .fill('L’entreprise a fermé ses portes : nouveau départ');
    await dialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await column(page, 'constitution').locator(`[data-project-id="${back.id}"]`).waitFor();
    expect((await history(back.id)).at(-1)).toMatchObject({
      kind: 'move',
      from: 'en-activite',
      to: 'constitution',
      note: 'L’entreprise a fermé ses portes : nouveau départ',
    });

    // Dropped on the abandoned projects, a card asks why before it goes.
    await page.goto(`/app/cohorts/${cohorts.get(19)}/board`);
    const leaving = await project(19, "L'Alouette");
    expect(enrollmentIn(leaving, 19).status).toBe('active');
    // Dropped on the column's heading, in view with the card: Playwright's drag does not scroll the
    // page near its edge as a person's does.
    await column(page, 'abandoned').scrollIntoViewIfNeeded();
    await card(page, leaving.id).dragTo(column(page, 'abandoned'), { targetPosition: { x: 40, y: 20 } });
    const reasonDialog = page.getByRole('dialog', { name: "Déplacer « L'Alouette »" });
    await expect(reasonDialog.getByRole('radio', { name: 'Abandonné' }).isChecked()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(`move-${leaving.id}-text`);
    await reasonDialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await reasonDialog.getByText('Ce champ est obligatoire.').waitFor();
    await reasonDialog.getByLabel('Raison').fill('Les membres rejoignent une autre coopérative');
    await reasonDialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await column(page, 'abandoned').locator(`[data-project-id="${leaving.id}"]`).waitFor();
    await card(page, leaving.id)
      .getByText(/^Abandonné depuis 0 j$/)
      .waitFor();
    expect(enrollmentIn(await project(19, "L'Alouette"), 19)).toMatchObject({
      status: 'abandoned',
      statusReason: 'Les membres rejoignent une autre coopérative',
    });
    expect((await history(leaving.id)).at(-1)).toMatchObject({
      kind: 'abandon',
      to: 'abandoned',
      reason: 'Les membres rejoignent une autre coopérative',
    });
    expect(problems).toEqual([]);
  });

  it('tells the second of two people moving the same card that it moved first, where it is, and lets them try again', async () => {
    const first = await board(19);
    const second = await board(19);
    const target = await project(19, 'Cooped Up');
    expect(enrollmentIn(target, 19)).toMatchObject({ status: 'active', stage: { code: 'en-activite' } });

    // The second puts it on hold while the first still sees it operating.
    await card(second.page, target.id).getByRole('button', { name: 'Déplacer' }).click();
    const secondDialog = second.page.getByRole('dialog');
    await secondDialog.getByRole('radio', { name: 'En pause' }).check();
    await secondDialog.getByLabel('Raison').fill('Les fondateurs prennent six mois');
    await secondDialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await column(second.page, 'on_hold').locator(`[data-project-id="${target.id}"]`).waitFor();

    const { page, problems } = first;
    await column(page, 'en-activite').locator(`[data-project-id="${target.id}"]`).waitFor();
    await card(page, target.id).getByRole('button', { name: 'Déplacer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Constitution en coopérative' }).check();
    await dialog.getByLabel('Note : pourquoi revenir en arrière').fill('Reprise des statuts');
    await dialog.getByRole('button', { name: 'Déplacer le projet' }).click();

    // The card says so, and stands where it is now: the board was read again.
    await card(page, target.id)
      .getByRole('alert')
      .getByText(
        'Quelqu’un a déplacé ce projet avant vous. Il est maintenant en pause, à l’étape « En activité ». Vous pouvez réessayer.',
      )
      .waitFor();
    await column(page, 'on_hold').locator(`[data-project-id="${target.id}"]`).waitFor();
    await expect(focused(page)).resolves.toBe(String(target.id));
    expect((await history(target.id)).at(-1)).toMatchObject({
      kind: 'hold',
      reason: 'Les fondateurs prennent six mois',
    });

    // Trying again, from where it is now.
    await card(page, target.id).getByRole('button', { name: 'Déplacer' }).click();
    await dialog.getByRole('radio', { name: 'Reprendre à l’étape « En activité »' }).check();
    await dialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await column(page, 'en-activite').locator(`[data-project-id="${target.id}"]`).waitFor();
    await expect(card(page, target.id).getByRole('alert').count()).resolves.toBe(0);
    expect(enrollmentIn(await project(19, 'Cooped Up'), 19)).toMatchObject({
      status: 'active',
      stage: { code: 'en-activite' },
    });
    expect((await history(target.id)).at(-1)).toMatchObject({ kind: 'reopen' });
    expect(problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });

  it('shows a viewer the board without any move control', async () => {
    const { page, problems } = await board(19, DEMO_EMAILS.viewer);
    await page.getByText('En lecture seule, vous voyez le tableau sans pouvoir déplacer les projets.').waitFor();
    await page.getByTestId('board-card').first().waitFor();
    await expect(page.getByTestId('board-card').count()).resolves.toBe((await projects(19)).length);
    await expect(page.getByRole('button', { name: 'Déplacer' }).count()).resolves.toBe(0);
    await expect(page.locator('[draggable="true"]').count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'board-viewer');
    expect(problems).toEqual([]);
  });

  it("downloads the cohort's CSV, whose project rows are the board's cards", async () => {
    const { page, problems } = await board(19);
    await page.getByTestId('board-card').first().waitFor();
    const cards = await namesIn(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByRole('status').getByText(`Fichier « ${download.suggestedFilename()} » téléchargé.`).waitFor();
    const [rows] = csvTables(await readFile(await download.path()));
    const nameColumn = rows[0].indexOf('Projet');
    expect(nameColumn).toBeGreaterThanOrEqual(0);
    expect(
      rows
        .slice(1)
        .map((row) => row[nameColumn])
        .sort(),
    ).toEqual(cards.sort());
    expect(cards.length).toBe((await projects(19)).length);
    expect(problems).toEqual([]);
  });
});
