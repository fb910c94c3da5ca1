import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { csvTables, download as fetchFile } from '../support/exports.js';
import { createProject } from '../support/fixtures.js';
import { eventually } from '../support/until.js';
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

jest.setTimeout(90_000);

interface Rate {
  numerator: number;
  denominator: number;
  percent: number;
}
interface CohortFigures {
  cohortId: number;
  number: number;
  label: string;
  registered: number;
  completionRate: Rate | null;
  startRate: Rate | null;
}
interface Stage {
  code: string;
  labelFr: string;
  position: number;
  milestone: string | null;
  reached: number;
}

/** A rate as the page must write it in French: the service's percent and counts, untouched. */
const french = (rate: Rate | null) => (rate ? `${rate.percent} % (${rate.numerator} / ${rate.denominator})` : '—');

describe('the figures page, in a browser: the service’s figures, charts and files for a year', () => {
  const webApp = webAppForEachFile();
  let web: WebApp;
  let coordinator: string;
  let program: { code: string; nameFr: string };
  let year: string;

  const api = async <T>(path: string, token = coordinator): Promise<T> =>
    (await web.t.http().get(path).set(bearer(token)).expect(200)).body as T;
  const yearFigures = () =>
    api<{ cohorts: CohortFigures[]; registered: number; pending: boolean }>(
      `/programs/${program.code}/stats?year=${year}`,
    );

  beforeAll(async () => {
    web = webApp();
    const login = await web.t
      .http()
      .post('/auth/login')
      .send({ email: DEMO_EMAILS.coordinator, password: DEMO_PASSWORD })
      .expect(200);
    coordinator = login.body.accessToken;
    const programs = await api<{ code: string; nameFr: string; usesCohorts: boolean }[]>('/programs');
    program = programs.find((p) => p.usesCohorts)!;
    // The page opens on the newest year of any cohort, as this does.
    const cohorts = await api<{ year: string | null }[]>('/cohorts');
    year = cohorts
      .map((cohort) => cohort.year)
      .filter((y): y is string => y !== null)
      .sort()
      .reverse()[0];
    // The demo's figures are computed by the queue after start: the page shows them once stored.
    await eventually(async () => expect((await yearFigures()).pending).toBe(false), { timeoutMs: 60_000 });
  }, 180_000);

  async function figuresPage(email: string) {
    const opened = await openPage(web, '/app/figures');
    await signIn(opened.page, email);
    await opened.page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    return opened;
  }
  const section = (page: Page, name: string | RegExp) => page.getByRole('region', { name });
  const cohortRow = (page: Page, cohort: CohortFigures) =>
    section(page, `${program.nameFr}, ${year}`).getByRole('row', { name: new RegExp(`^Cohorte ${cohort.number} · `) });

  it('shows the year’s cohorts with the rates the service gives, a chart across years, and the funnels', async () => {
    const { page, problems } = await figuresPage(DEMO_EMAILS.coordinator);
    const figures = await yearFigures();
    expect(figures.cohorts.length).toBeGreaterThan(0);
    for (const cohort of figures.cohorts) {
      const ratings = await api<{ satisfied: Rate | null }>(`/cohorts/${cohort.cohortId}/ratings`);
      const satisfaction = ratings.satisfied ? `${french(ratings.satisfied)} satisfait·es` : 'Aucune réponse';
      // The year's figures and each cohort's ratings are read apart, after the heading is drawn: the
      // row is read once both have arrived (reading cells does not wait for them).
      const row = cohortRow(page, cohort);
      await row.getByText(satisfaction, { exact: true }).waitFor();
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(0, 4)).toEqual([
        String(cohort.registered),
        french(cohort.completionRate),
        french(cohort.startRate),
        satisfaction,
      ]);
    }
    // The chart across years is drawn, and named for screen readers.
    const acrossYears = section(page, new RegExp(`^${program.nameFr} : taux par cohorte`));
    await acrossYears.getByRole('img', { name: /Graphique à barres des taux/ }).waitFor();

    // Each accompaniment program's funnel: every stage with the projects that reached it.
    const programs = await api<{ code: string; nameFr: string; usesCohorts: boolean }[]>('/programs');
    for (const accompaniment of programs.filter((p) => !p.usesCohorts)) {
      const funnel = await api<{ stages: Stage[] }>(`/programs/${accompaniment.code}/funnel?year=${year}`);
      const region = section(page, `Entonnoir : ${accompaniment.nameFr}, ${year}`);
      await region.getByRole('img').waitFor();
      const table = region.getByRole('table', { name: 'Projets par étape' });
      for (const stage of funnel.stages) {
        const row = table.getByRole('row', { name: new RegExp(`^${stage.labelFr.replace(/[()]/g, '\\$&')} `) });
        await expect(row.getByRole('cell').first().textContent()).resolves.toBe(String(stage.reached));
      }
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'figures');
    expect(problems).toEqual([]);
  });

  it('changes a cohort’s completion rate once an advisor’s move on the board has gone through the queue', async () => {
    const stages = await api<Stage[]>(`/programs/${program.code}/stages`);
    const completion = stages.find((stage) => stage.milestone === 'training_completed')!;
    const cohort = (await yearFigures()).cohorts[0];
    // A new team of the advisor's joins the cohort: one more registered; once it completes its
    // training, one more completed, whatever the cohort's rate was before.
    const advisorId = (await api<{ id: number; email: string }[]>('/users')).find(
      (u) => u.email === DEMO_EMAILS.advisor,
    )!.id;
    const project = await createProject(web.t, coordinator, {
      name: 'Coop des Figures',
      programCode: program.code,
      cohortId: cohort.cohortId,
      advisorId,
    });
    const settledCohort = async () => {
      const figures = await yearFigures();
      expect(figures.pending).toBe(false);
      return figures.cohorts.find((c) => c.cohortId === cohort.cohortId)!;
    };
    const joined = await eventually(async () => {
      const now = await settledCohort();
      expect(now.registered).toBe(cohort.registered + 1);
      return now;
    });
    const before = french(joined.completionRate);

    // The advisor moves the card on the board, from the keyboard's way.
    const { page, problems } = await openPage(web, `/app/cohorts/${cohort.cohortId}/board`);
    await signIn(page, DEMO_EMAILS.advisor);
    const card = page.locator(`[data-testid="board-card"][data-project-id="${project.id}"]`);
    await card.getByRole('button', { name: 'Déplacer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Déplacer « Coop des Figures »' });
    await dialog.getByRole('radio', { name: completion.labelFr }).check();
    await dialog.getByRole('button', { name: 'Déplacer le projet' }).click();
    await page.getByRole('status').getByText('« Coop des Figures » est maintenant', { exact: false }).waitFor();

    // Once the queue has recomputed the cohort, the figures page shows its new rate.
    const after = await eventually(
      async () => {
        const now = await settledCohort();
        expect(now.completionRate?.numerator).toBe((joined.completionRate?.numerator ?? 0) + 1);
        return now;
      },
      { timeoutMs: 30_000 },
    );
    await page.getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    await cohortRow(page, after)
      .getByRole('cell', { name: french(after.completionRate), exact: true })
      .waitFor();
    expect(french(after.completionRate)).not.toBe(before);
    expect(problems).toEqual([]);
  });

  it('downloads a cohort’s export and the year’s reports as the service writes them', async () => {
    const { page, problems } = await figuresPage(DEMO_EMAILS.coordinator);
    const cohort = (await yearFigures()).cohorts[0];
    const name = `Cohorte ${cohort.number} · ${cohort.label}`;
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Télécharger ${name} en CSV` }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const downloaded = readFileSync(await file.path());
    const fromApi = await fetchFile(web.t, coordinator, `/cohorts/${cohort.cohortId}/export?format=csv&lang=fr`);
    // The projects' rows: the same as the service gives, one per project registered.
    expect(csvTables(downloaded)[0]).toEqual(csvTables(fromApi.bytes)[0]);
    expect(csvTables(downloaded)[0].length - 1).toBe(cohort.registered);

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger Rapport au bailleur de fonds (CQCM) en XLSX' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync(await report.path());
    // An XLSX file is a zip: it starts with the zip's signature.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(problems).toEqual([]);
  });

  it('offers an advisor the program’s report but not the reports advisors may not read, and speaks English', async () => {
    const { page, problems } = await figuresPage(DEMO_EMAILS.advisor);
    const files = section(page, `Fichiers de l’année ${year}`);
    await files.getByRole('button', { name: `Télécharger Rapport annuel : ${program.nameFr} en CSV` }).waitFor();
    await expect(files.getByRole('button', { name: /Rapport au bailleur/ }).count()).resolves.toBe(0);
    await expect(files.getByRole('button', { name: /services-conseils/ }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures' }).waitFor();
    await page.getByRole('columnheader', { name: 'Completion rate' }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'figures-advisor-en');
    expect(problems).toEqual([]);
  });
});
