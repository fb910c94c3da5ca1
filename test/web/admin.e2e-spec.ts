import { jest } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/until.js';
import { bearer } from '../support/test-app.js';
import {
  DEMO_EMAILS,
  openPage,
  outboxMailTo,
  screenshots,
  seriousA11yViolations,
  signIn,
  webAppForEachFile,
  tokenOf,
  type WebApp,
} from './browser.js';

jest.setTimeout(90_000);

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  language: string;
  active: boolean;
}
interface StageRow {
  code: string;
  labelFr: string;
  labelEn: string;
  position: number;
  staleAfterDays: number | null;
}

describe('the admin pages, in a browser: accounts and the stages of a program', () => {
  const webApp = webAppForEachFile();
  let web: WebApp;
  let admin: string;

  beforeAll(async () => {
    web = webApp();
    admin = await web.t.tokenFor('admin');
  }, 180_000);

  async function open(path: string | null = '/app/') {
    const opened = await openPage(web, path);
    return opened;
  }
  /** A page of the app signed in as the demo admin (or `email`), once its h1 says `title` and it loaded. */
  async function signedIn(path: string, title: string, email = DEMO_EMAILS.admin) {
    const opened = await open(path);
    await signIn(opened.page, email);
    await opened.page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    // Every part of the page has loaded: no « Chargement… » is left (first() waits for none at all).
    await opened.page.getByText('Chargement…').first().waitFor({ state: 'detached' });
    return opened;
  }
  const users = async () => (await web.t.http().get('/users').set(bearer(admin)).expect(200)).body as UserRow[];
  const userByEmail = async (email: string) => (await users()).find((user) => user.email === email);
  const stages = async (code: string) =>
    (await web.t.http().get(`/programs/${code}/stages`).set(bearer(admin)).expect(200)).body as StageRow[];
  /** What the element that has the focus says, and the list row it is in. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const row = element?.closest<HTMLElement>('[data-user-id], [data-stage-code]');
      return {
        text: element?.textContent?.trim() ?? '',
        row: row?.dataset.userId ?? row?.dataset.stageCode ?? null,
      };
    });
  /** The focus moves once the page shows the change, after the list is read again: waited for, not read at once. */
  const focusIsOn = (page: Page, expected: Partial<Awaited<ReturnType<typeof focused>>>) =>
    eventually(async () => expect(await focused(page)).toMatchObject(expected), { timeoutMs: 10_000 });
  const userRow = (page: Page, email: string): Locator => page.getByTestId('user-row').filter({ hasText: email });
  const stageRow = (page: Page, code: string): Locator => page.locator(`[data-stage-code="${code}"]`);

  it('creates an account, who signs in elsewhere; changes its role; deactivates it, after which its sign-in is refused', async () => {
    const { page, problems } = await signedIn('/app/admin/users', 'Comptes');
    await page.getByRole('heading', { name: /^Les comptes/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const email = `nouvelle-${Date.now()}@test.example`;
    const create = page.getByRole('region', { name: 'Créer un compte' });
    await create.getByLabel('Nom', { exact: true }).fill('Nouvelle Personne');
    await create.getByLabel('Courriel', { exact: true }).fill(email);
    await create.getByLabel('Rôle', { exact: true }).selectOption('advisor');
    await create.getByLabel('Langue des courriels').selectOption('en');
    await create.getByLabel('Mot de passe de départ').fill('first-password-1');
    await create.getByLabel('Confirmez le mot de passe').fill('first-password-1');
    await create.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Compte de Nouvelle Personne créé.').waitFor();
    const created = (await userByEmail(email))!;
    expect(created).toMatchObject({ name: 'Nouvelle Personne', role: 'advisor', language: 'en', active: true });
    // The focus goes to the new account in the list.
    await focusIsOn(page, { text: 'Nouvelle Personne', row: String(created.id) });
    await userRow(page, email).getByText('Rôle : Conseil').waitFor();

    // They sign in in a browser of their own, in their language.
    const theirs = await open('/app/sign-in');
    await signIn(theirs.page, email, 'first-password-1');
    await theirs.page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const theirToken = (await tokenOf(theirs.page))!;

    // The same e-mail again is refused, by name.
    await create.getByLabel('Nom', { exact: true }).fill('Doublon');
    await create.getByLabel('Courriel', { exact: true }).fill(email);
    await create.getByLabel('Mot de passe de départ').fill('first-password-1');
    await create.getByLabel('Confirmez le mot de passe').fill('first-password-1');
    await create.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(create.getByRole('alert').textContent()).resolves.toBe(
      `Un compte existe déjà avec le courriel ${email}.`,
    );
    expect((await users()).filter((user) => user.email === email)).toHaveLength(1);

    // The role, from the keyboard: the form's field takes the focus, and its button gets it back.
    const row = userRow(page, email);
    await row.getByRole('button', { name: 'Changer le rôle' }).focus();
    await page.keyboard.press('Enter');
    await focusIsOn(page, { row: String(created.id) });
    await row.getByLabel('Nouveau rôle').selectOption('coordinator');
    await row.getByRole('button', { name: 'Enregistrer le rôle' }).press('Enter');
    await page.getByText('Nouvelle Personne a maintenant le rôle « Coordination ».').waitFor();
    await row.getByText('Rôle : Coordination').waitFor();
    expect((await userByEmail(email))!.role).toBe('coordinator');
    await focusIsOn(page, { text: 'Changer le rôle', row: String(created.id) });

    // Deactivated: their session ends at once, and signing in again is refused.
    await row.getByRole('button', { name: 'Désactiver' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Le compte de Nouvelle Personne est désactivé', { exact: false }).waitFor();
    await row.getByText('Désactivé', { exact: true }).waitFor();
    expect((await userByEmail(email))!.active).toBe(false);
    await focusIsOn(page, { text: 'Réactiver', row: String(created.id) });
    await web.t.http().get('/users/me').set(bearer(theirToken)).expect(401);
    const again = await open('/app/sign-in');
    await signIn(again.page, email, 'first-password-1');
    await expect(again.page.getByRole('alert').textContent()).resolves.toBe('Courriel ou mot de passe incorrect.');
    expect(await tokenOf(again.page)).toBeNull();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'admin-users');

    // Reactivated, they sign in again.
    await page.keyboard.press('Enter');
    await page.getByText('Le compte de Nouvelle Personne est réactivé.').waitFor();
    expect((await userByEmail(email))!.active).toBe(true);
    await signIn(again.page, email, 'first-password-1');
    await again.page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    expect([...problems, ...theirs.problems, ...again.problems]).toEqual([]);
  });

  it('starts a password reset: says to whom the e-mail went and until when the link works, and the e-mail carries it', async () => {
    const email = `oubli-${Date.now()}@test.example`;
    await web.t
      .http()
      .post('/users')
      .set(bearer(admin))
      .send({ email, password: 'a-password-of-theirs', name: 'Personne Distraite', role: 'advisor' })
      .expect(201);
    const { page, problems } = await signedIn('/app/admin/users', 'Comptes');
    await userRow(page, email).getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    const said = page.getByText('Courriel de réinitialisation envoyé à Personne Distraite', { exact: false });
    await said.waitFor();
    expect(await said.textContent()).toMatch(
      new RegExp(
        `envoyé à Personne Distraite \\(${email}\\)\\. Le lien est valable jusqu’au \\d{1,2}\\s\\S+\\s\\d{4}\\sà\\s\\d{1,2}\\sh\\s\\d{2}, une seule fois\\.`,
      ),
    );
    const mail = await outboxMailTo(web, email);
    expect(mail.text).toMatch(/\/app\/reset-password\?token=[A-Za-z0-9_-]+/);
    expect(problems).toEqual([]);
  });

  it("adds a stage to a program, renames it, moves it and deletes it, each as the API then tells; a stage in use is refused with the service's reason", async () => {
    const { page, problems } = await signedIn('/app/my-day', 'Ma journée');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await page.getByRole('link', { name: 'Étapes des programmes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Étapes des programmes' }).waitFor();
    await page.getByTestId('program-row').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Accompagnement au démarrage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Étapes : Accompagnement au démarrage' }).waitFor();
    expect(page.url()).toMatch(/\/app\/admin\/programs\/demarrage\/stages$/);
    const before = await stages('demarrage');
    await page.getByTestId('stage-row').first().waitFor();
    await expect(page.getByTestId('stage-row').count()).resolves.toBe(before.length);

    // Added, at the end.
    const add = page.getByRole('region', { name: 'Ajouter une étape' });
    await add.getByLabel('Code').fill('essai-pilote');
    await add.getByLabel('Nom en français').fill('Essai pilote');
    await add.getByLabel('Nom en anglais').fill('Pilot trial');
    await add.getByLabel('Jours sans activité avant de signaler un projet').fill('30');
    await add.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await page.getByText('Étape « Essai pilote » ajoutée à la fin.').waitFor();
    let now = await stages('demarrage');
    expect(now.at(-1)).toMatchObject({
      code: 'essai-pilote',
      labelFr: 'Essai pilote',
      labelEn: 'Pilot trial',
      staleAfterDays: 30,
      position: before.length + 1,
    });
    await focusIsOn(page, { text: `${before.length + 1}. Essai pilote`, row: 'essai-pilote' });
    const row = stageRow(page, 'essai-pilote');
    await row.getByText('Immobile après 30 jours').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'admin-stages');

    // Renamed, and never flagged as stalled any more.
    await row.getByRole('button', { name: 'Modifier' }).click();
    const labelFr = row.getByLabel('Nom en français');
    await expect(labelFr.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await labelFr.fill('Essai en cours');
    await row.getByLabel('Jours sans activité avant de signaler un projet').fill('');
    await row.getByRole('button', { name: 'Enregistrer l’étape' }).click();
    await page.getByText('Étape « Essai en cours » enregistrée.').waitFor();
    now = await stages('demarrage');
    expect(now.at(-1)).toMatchObject({ code: 'essai-pilote', labelFr: 'Essai en cours', staleAfterDays: null });
    await row.getByText('Jamais signalée immobile').waitFor();
    await focusIsOn(page, { text: 'Modifier', row: 'essai-pilote' });

    // Moved up from the keyboard: the focus stays on the stage's button as it moves.
    await row.getByRole('button', { name: 'Monter' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Étape « Essai en cours » maintenant en position ${before.length}.`).waitFor();
    now = await stages('demarrage');
    expect(now.map((stage) => stage.code)).toEqual([
      ...before.slice(0, -1).map((stage) => stage.code),
      'essai-pilote',
      before.at(-1)!.code,
    ]);
    // The page says so at once, then reads the stages again and shows them in their new order.
    await page
      .getByTestId('stage-row')
      .nth(before.length - 1)
      .and(stageRow(page, 'essai-pilote'))
      .waitFor();
    await focusIsOn(page, { text: 'Monter', row: 'essai-pilote' });
    // Down again to the end, where « Descendre » is no more: the focus goes to « Monter ».
    await row.getByRole('button', { name: 'Descendre' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Étape « Essai en cours » maintenant en position ${before.length + 1}.`).waitFor();
    expect((await stages('demarrage')).at(-1)!.code).toBe('essai-pilote');
    await focusIsOn(page, { text: 'Monter', row: 'essai-pilote' });

    // Deleted, after a confirmation whose button takes the focus.
    await row.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await row.getByText('Supprimer l’étape « Essai en cours » ? Cela ne peut pas être annulé.').waitFor();
    await focusIsOn(page, { text: 'Supprimer l’étape', row: 'essai-pilote' });
    await page.keyboard.press('Enter');
    await page.getByText('Étape « Essai en cours » supprimée.').waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await stages('demarrage')).map((stage) => stage.code)).toEqual(before.map((stage) => stage.code));
    await focusIsOn(page, { text: `Les étapes, dans l’ordre${before.length}`, row: null });

    // A stage that projects went through stays, and the service's reason is shown.
    const used = stageRow(page, before[0].code);
    await used.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await used.getByRole('button', { name: 'Supprimer l’étape' }).click();
    await expect(used.getByRole('alert').textContent()).resolves.toBe(
      `Le service a refusé la demande : Stage ${before[0].code} is in use by projects of demarrage and cannot be deleted; relabel it instead`,
    );
    await focusIsOn(page, { text: 'Supprimer l’étape', row: before[0].code });
    expect(await stages('demarrage')).toEqual(before);
    // Escape closes the confirmation and gives the focus back to its button.
    await page.keyboard.press('Escape');
    await focusIsOn(page, { text: 'Supprimer', row: before[0].code });
    expect(problems).toEqual([]);
  });

  it('shows a coordinator no Administration entry, and the admin pages say they are not theirs', async () => {
    const { page, problems } = await signedIn('/app/my-day', 'Ma journée', DEMO_EMAILS.coordinator);
    await page.getByRole('link', { name: 'Mon compte' }).waitFor();
    await expect(page.getByRole('link', { name: 'Administration' }).count()).resolves.toBe(0);
    for (const path of ['/app/admin/users', '/app/admin/programs/demarrage/stages']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toBe(
        'Ces pages sont réservées aux administrateur·trices : votre rôle ne permet pas de gérer les comptes ni les étapes.',
      );
      await expect(page.getByRole('button', { name: 'Créer le compte' }).count()).resolves.toBe(0);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'admin-not-allowed');
    // The API refuses them anyway.
    const coordinator = (await tokenOf(page))!;
    await web.t
      .http()
      .post('/users')
      .set(bearer(coordinator))
      .send({ email: 'refus@test.example', password: 'a-password-1', name: 'Refus', role: 'admin' })
      .expect(403);
    await web.t.http().delete('/programs/demarrage/stages/en-activite').set(bearer(coordinator)).expect(403);
    expect(problems).toEqual([]);
  });
});
