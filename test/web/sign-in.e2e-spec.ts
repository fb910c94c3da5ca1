import { jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  DEMO_EMAILS,
  DEMO_PASSWORD,
  openPage,
  outboxMailTo,
  screenshots,
  scriptBytesDuring,
  seriousA11yViolations,
  signIn,
  webAppForEachFile,
  tokenOf,
  type WebApp,
} from './browser.js';
import { bearer } from '../support/test-app.js';

jest.setTimeout(60_000);

describe('signing in and out, the account and the password-reset page, in a browser', () => {
  const webApp = webAppForEachFile();
  let web: WebApp;
  let admin: string;

  beforeAll(async () => {
    web = webApp();
    admin = await web.t.tokenFor('admin');
  }, 180_000);

  /** A page whose problems (errors, refused scripts) fail the test at its end. */
  async function open(path: string | null = '/app/') {
    const opened = await openPage(web, path);
    return opened;
  }
  /** Waits for the page's h1 to say this. */
  const heading = (page: Page, text: string) =>
    page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();

  /** A user made for one test, so that changing their password or language touches no other test. */
  async function newUser(key: string, password = 'a-password-of-theirs') {
    const email = `${key}-${Date.now()}@test.example`;
    const created = await web.t
      .http()
      .post('/users')
      .set(bearer(admin))
      .send({ email, password, name: `Personne ${key}`, role: 'advisor' })
      .expect(201);
    return { id: created.body.id as number, email, password };
  }

  it.each([
    ['admin', DEMO_EMAILS.admin, 'Administration (démo)'],
    ['coordinator', DEMO_EMAILS.coordinator, 'Coordination (démo)'],
    ['advisor', DEMO_EMAILS.advisor, 'Conseillère (démo)'],
    ['viewer', DEMO_EMAILS.viewer, 'Lecture seule (démo)'],
  ])(
    'signs in as the demo %s and opens Ma journée, with no serious accessibility problem',
    async (role, email, name) => {
      const { page, problems } = await open('/app/');
      await page.waitForURL('**/app/sign-in?next=%2Fmy-day');
      await heading(page, 'Connexion');
      if (role === 'admin') {
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshots(page, 'sign-in');
      }
      await signIn(page, email);
      await page.waitForURL('**/app/my-day');
      await heading(page, 'Ma journée');
      await page.getByText(`Connecté·e : ${name}`).waitFor();
      if (role === 'advisor') await page.getByTestId('task-row').first().waitFor();
      if (role === 'viewer') await page.getByText('En lecture seule').waitFor();
      else await page.getByRole('heading', { name: /^Projets immobiles/ }).waitFor();
      await page.getByText('Chargement…').first().waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshots(page, `my-day-${role}`);
      expect(problems).toEqual([]);
    },
  );

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const { page, problems } = await open('/app/sign-in');
    await signIn(page, DEMO_EMAILS.advisor, 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Courriel ou mot de passe incorrect.');
    expect(page.url()).toMatch(/\/app\/sign-in$/);
    expect(await tokenOf(page)).toBeNull();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in-wrong-password');
    expect(problems).toEqual([]);
  });

  it('signs out: the token is revoked on the service, and the pages ask to sign in again', async () => {
    const { page, problems } = await open('/app/sign-in');
    await signIn(page, DEMO_EMAILS.advisor);
    await page.waitForURL('**/app/my-day');
    const token = (await tokenOf(page))!;
    await web.t.http().get('/users/me').set(bearer(token)).expect(200);

    // The page signs out at once, then revokes the token on the service: the test waits for that call.
    const revoked = page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/logout');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    expect((await revoked).status()).toBe(204);
    await page.waitForURL('**/app/sign-in');
    await page.getByText('Vous êtes déconnecté·e.').waitFor();
    expect(await tokenOf(page)).toBeNull();
    await web.t.http().get('/users/me').set(bearer(token)).expect(401);

    await page.goto('/app/account');
    await page.waitForURL('**/app/sign-in?next=%2Faccount');
    expect(problems).toEqual([]);
  });

  it('answers a path of the app that does not exist with a page that says so, after signing in', async () => {
    const { page, problems } = await open('/app/nowhere/to/be/found');
    await page.waitForURL('**/app/sign-in?next=%2Fnowhere%2Fto%2Fbe%2Ffound');
    await signIn(page, DEMO_EMAILS.viewer);
    await heading(page, 'Page introuvable');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'not-found');
    await page.getByRole('link', { name: 'Retour à Ma journée' }).click();
    await heading(page, 'Ma journée');
    expect(problems).toEqual([]);
  });

  it('switches the language from the header of any page', async () => {
    const { page, problems } = await open('/app/sign-in');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page, 'Sign in');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await signIn(page, DEMO_EMAILS.coordinator);
    // The account's language (French) wins at sign-in; the switch still works inside.
    await heading(page, 'Ma journée');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page, 'My day');
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await heading(page, 'Ma journée');
    expect(problems).toEqual([]);
  });

  it('after a revoked token (signed out from another tab), asks to sign in and returns to the same page', async () => {
    const { page, problems } = await open('/app/sign-in');
    await signIn(page, DEMO_EMAILS.coordinator);
    await page.waitForURL('**/app/my-day');
    // Ma journée's reads are answered before the token is revoked: one still on its way would come
    // back 401 and end the session on whatever page is open by then.
    await page.getByText('Chargement…').first().waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.waitForURL('**/app/account');

    // Another tab signs this token out: the next call the page makes gets 401.
    await web.t
      .http()
      .post('/auth/logout')
      .set(bearer((await tokenOf(page))!))
      .expect(204);
    await page.getByRole('link', { name: 'Ma journée' }).click();
    await page.waitForURL('**/app/sign-in?next=%2Fmy-day');
    await page.getByText('Votre session a pris fin.', { exact: false }).waitFor();
    await signIn(page, DEMO_EMAILS.coordinator);
    await page.waitForURL('**/app/my-day');
    await page.getByText('Chargement…').first().waitFor({ state: 'detached' });

    // A reload with a revoked token kept in the tab does the same, and comes back to its page.
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.waitForURL('**/app/account');
    await web.t
      .http()
      .post('/auth/logout')
      .set(bearer((await tokenOf(page))!))
      .expect(204);
    await page.reload();
    await page.waitForURL('**/app/sign-in?next=%2Faccount');
    await signIn(page, DEMO_EMAILS.coordinator);
    await page.waitForURL('**/app/account');
    await heading(page, 'Mon compte');
    expect(problems).toEqual([]);
  });

  it('when the token expires, asks to sign in again and returns to the page', async () => {
    const { page, problems } = await open('/app/sign-in');
    // A token like the coordinator's that lives five seconds (the service's live JWT_EXPIRES_IN, 12 h).
    const login = await web.t
      .http()
      .post('/auth/login')
      .send({ email: DEMO_EMAILS.coordinator, password: DEMO_PASSWORD })
      .expect(200);
    const claims = JSON.parse(Buffer.from(login.body.accessToken.split('.')[1], 'base64url').toString());
    const shortLived = await web.t.app
      .get(JwtService)
      .signAsync({ sub: claims.sub, role: claims.role, tv: claims.tv, jti: randomUUID() }, { expiresIn: 5 });
    await page.evaluate((token) => sessionStorage.setItem('coop.token', token), shortLived);

    await page.goto('/app/account');
    await heading(page, 'Mon compte');
    await page.waitForURL('**/app/sign-in?next=%2Faccount', { timeout: 10_000 });
    await page.getByText('Votre session a pris fin.', { exact: false }).waitFor();
    expect(await tokenOf(page)).toBeNull();
    await web.t.http().get('/users/me').set(bearer(shortLived)).expect(401);
    await signIn(page, DEMO_EMAILS.coordinator);
    await heading(page, 'Mon compte');
    expect(problems).toEqual([]);
  });

  it('changes the language on the account page: the app turns English, and so does the account', async () => {
    const user = await newUser('langue');
    const { page, problems } = await open('/app/account');
    await signIn(page, user.email, user.password);
    await page.waitForURL('**/app/account');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'account');

    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await heading(page, 'My account');
    await page.getByText('Profile saved.').waitFor();
    await page.getByRole('link', { name: 'My day' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    const me = await web.t
      .http()
      .get('/users/me')
      .set(bearer((await tokenOf(page))!))
      .expect(200);
    expect(me.body.language).toBe('en');
    await screenshots(page, 'account-en');
    expect(problems).toEqual([]);
  });

  it('changes the password on the account page and keeps working with the fresh token', async () => {
    const user = await newUser('motdepasse');
    const { page, problems } = await open('/app/account');
    await signIn(page, user.email, user.password);
    await page.waitForURL('**/app/account');
    const before = (await tokenOf(page))!;

    await page.getByLabel('Mot de passe actuel').fill(user.password);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Mot de passe changé.', { exact: false }).waitFor();

    const after = (await tokenOf(page))!;
    expect(after).not.toBe(before);
    await web.t.http().get('/users/me').set(bearer(before)).expect(401);
    await page.getByRole('link', { name: 'Ma journée' }).click();
    await page.getByRole('heading', { name: /^En retard/ }).waitFor();
    expect(page.url()).toMatch(/\/app\/my-day$/);
    await web.t.http().post('/auth/login').send({ email: user.email, password: 'a-brand-new-password' }).expect(200);
    expect(problems).toEqual([]);
  });

  it('sets a password from the link of a real reset e-mail, once', async () => {
    const user = await newUser('reinitialisation');
    await web.t.http().post(`/users/${user.id}/password-reset`).set(bearer(admin)).expect(202);
    const mail = await outboxMailTo(web, user.email);
    const link = /https?:\/\/[^/\s]+(\/app\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
    expect(link).not.toBeNull();

    const { page, problems } = await open(link![1]);
    await heading(page, 'Choisir un nouveau mot de passe');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'reset-password');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('short');
    await page.getByLabel('Confirmez le mot de passe').fill('short');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByRole('alert').getByText('au moins 10 caractères').waitFor();

    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('reset-by-the-link');
    await page.getByLabel('Confirmez le mot de passe').fill('reset-by-the-link');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Votre mot de passe est enregistré.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Aller à la connexion' }).click();
    await signIn(page, user.email, 'reset-by-the-link');
    await page.waitForURL('**/app/my-day');

    // The link works once.
    const again = await open(link![1]);
    await again.page.getByLabel('Nouveau mot de passe', { exact: true }).fill('another-new-password');
    await again.page.getByLabel('Confirmez le mot de passe').fill('another-new-password');
    await again.page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await again.page.getByText('Ce lien ne fonctionne plus', { exact: false }).waitFor();
    expect([...problems, ...again.problems]).toEqual([]);
  });

  it('measures the script the sign-in page and Ma journée load, and the time from signing in to the first task row', async () => {
    const { page, problems } = await open(null);
    const signInPageBytes = await scriptBytesDuring(page, async () => {
      await page.goto('/app/sign-in');
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    });
    await page.getByLabel('Courriel').fill(DEMO_EMAILS.advisor);
    await page.getByLabel('Mot de passe').fill('demo-coop-2024');
    // Marks made by the page itself: the submit event, and the first task row entering the DOM.
    await page.evaluate(() => {
      document.querySelector('form')!.addEventListener('submit', () => performance.mark('sign-in-submitted'), {
        capture: true,
      });
      new MutationObserver((_records, observer) => {
        if (!document.querySelector('[data-testid="task-row"]')) return;
        performance.mark('first-task-row');
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const myDayBytes = await scriptBytesDuring(page, async () => {
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByTestId('task-row').first().waitFor();
    });
    const elapsed = await page.evaluate(
      () => performance.measure('sign-in-to-first-row', 'sign-in-submitted', 'first-task-row').duration,
    );
    console.log(
      [
        `JavaScript loaded, gzip: sign-in page ${(signInPageBytes / 1024).toFixed(1)} KB,`,
        `then Ma journée ${(myDayBytes / 1024).toFixed(1)} KB more (target: under 250 KB together);`,
        `from submitting the sign-in form to the first task row: ${Math.round(elapsed)} ms (target: under 1 s)`,
      ].join(' '),
    );
    expect(signInPageBytes).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
