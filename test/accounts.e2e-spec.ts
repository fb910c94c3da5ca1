import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Clock } from '../src/common/clock.js';
import type { Role } from '../src/users/user.entity.js';
import { ROLES } from './support/roles.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './support/smtp.js';
import {
  bearer,
  expectErrorShape,
  fieldsOf,
  PASSWORD,
  startSecondWorker,
  startTestApp,
  type TestApp,
} from './support/test-app.js';
import { until } from './support/until.js';

const PUBLIC_URL = 'https://suivi.federation.test';
const HOUR_MS = 60 * 60 * 1000;

describe('accounts people manage themselves', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  // The service's clock runs this far ahead of real time: tests move it to let a link expire.
  let clockOffsetMs = 0;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Suivi <suivi@federation.test>' });
    t.app.get(Clock).now = () => new Date(Date.now() + clockOffsetMs);
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => {
    clockOffsetMs = 0;
  });

  const login = (email: string, password: string) => t.http().post('/auth/login').send({ email, password });
  const me = (token: string) => t.http().get('/users/me').set(bearer(token));
  const patchMe = (token: string, body: object) => t.http().patch('/users/me').set(bearer(token)).send(body);
  const signIn = async (email: string, password: string) =>
    (await login(email, password).expect(200)).body.accessToken as string;

  /** A user of that role of the test's own, with a few tokens from separate sign-ins. */
  async function newUser(role: Role, key: string) {
    await t.tokenFor(role, key);
    const first = await t.tokenFor(role, key);
    const { email, id } = (await me(first).expect(200)).body as { email: string; id: number };
    return { id, email, first, second: await signIn(email, PASSWORD) };
  }

  describe('GET and PATCH /users/me', () => {
    it.each(ROLES)('lets a %s read their account and change their name and language', async (role) => {
      const user = await newUser(role, `self-${role}`);
      const read = await me(user.first).expect(200);
      expect(read.body).toMatchObject({ id: user.id, email: user.email, role, language: 'fr', active: true });
      expect(JSON.stringify(read.body)).not.toMatch(/password|tokenVersion|scrypt/i);

      const changed = await patchMe(user.first, { name: '  Nom choisi  ', language: 'en' }).expect(200);
      expect(changed.body).toMatchObject({ id: user.id, name: 'Nom choisi', language: 'en', role });
      expect(changed.body.accessToken).toBeUndefined();
      expect((await me(user.second).expect(200)).body).toMatchObject({ name: 'Nom choisi', language: 'en' });
      const asAdmin = await t.http().get(`/users/${user.id}`).set(bearer(admin)).expect(200);
      expect(asAdmin.body).toMatchObject({ name: 'Nom choisi', language: 'en' });
    });

    it.each(ROLES)(
      'lets a %s change their password with the current one: the old one and every other token stop working',
      async (role) => {
        const user = await newUser(role, `password-${role}`);
        const changed = await patchMe(user.first, {
          currentPassword: PASSWORD,
          password: 'a-new-password-of-mine',
        }).expect(200);
        expect(changed.body).toMatchObject({ id: user.id, role, tokenType: 'Bearer', expiresIn: '12h' });
        expect(JSON.stringify(changed.body)).not.toContain('a-new-password-of-mine');

        for (const token of [user.first, user.second]) {
          const refused = await me(token).expect(401);
          expectErrorShape(refused.body, 401);
          expect(refused.body.message).toMatch(/password .*changed/i);
        }
        expect((await me(changed.body.accessToken as string).expect(200)).body.id).toBe(user.id);
        await login(user.email, 'a-new-password-of-mine').expect(200);
        expectErrorShape((await login(user.email, PASSWORD).expect(401)).body, 401);
      },
    );

    it('refuses a wrong current password, naming it, and changes nothing', async () => {
      const user = await newUser('advisor', 'wrong-current');
      const before = (await me(user.first).expect(200)).body;
      const refused = await patchMe(user.first, {
        currentPassword: 'not-my-password',
        password: 'another-password-1',
        name: 'Should not stick',
      });
      expect(refused.status).toBe(422);
      expectErrorShape(refused.body, 422);
      expect(fieldsOf(refused.body)).toEqual(['currentPassword']);
      expect((await me(user.first).expect(200)).body).toEqual(before);
      await me(user.second).expect(200);
      await login(user.email, PASSWORD).expect(200);
      await login(user.email, 'another-password-1').expect(401);
    });

    it.each([
      ['a password without the current one', { password: 'another-password-1' }, 'currentPassword'],
      ['a short password', { password: 'short', currentPassword: PASSWORD }, 'password'],
      ['a role, which stays with admins', { role: 'admin' }, 'role'],
      ['an e-mail, which stays with admins', { email: 'other@test.example' }, 'email'],
      ['active, which stays with admins', { active: false }, 'active'],
      ['an unknown language', { language: 'de' }, 'language'],
      ['an unknown field', { tokenVersion: 0 }, 'tokenVersion'],
    ])('refuses %s with 400 naming the field, and changes nothing', async (_label, body, field) => {
      const user = await newUser('viewer', `bad-${field}`);
      const before = (await me(user.first).expect(200)).body;
      const refused = await patchMe(user.first, body).expect(400);
      expectErrorShape(refused.body, 400);
      expect(fieldsOf(refused.body)).toEqual([field]);
      expect((await me(user.first).expect(200)).body).toEqual(before);
      await login(user.email, PASSWORD).expect(200);
    });

    it('still keeps PATCH /users/:id for admins, whose password change there revokes the tokens too', async () => {
      const user = await newUser('coordinator', 'admin-reset');
      const refused = await t.http().patch(`/users/${user.id}`).set(bearer(user.first)).send({ name: 'Me' });
      expect(refused.status).toBe(403);
      await t.http().patch(`/users/${user.id}`).set(bearer(admin)).send({ password: 'set-by-the-admin' }).expect(200);
      expectErrorShape((await me(user.first).expect(401)).body, 401);
      await me(await signIn(user.email, 'set-by-the-admin')).expect(200);
    });
  });

  describe('POST /auth/logout', () => {
    let second: NestFastifyApplication | undefined;
    afterAll(() => second?.close());

    it('refuses the token afterwards, here and on another api process, while other tokens go on', async () => {
      const user = await newUser('advisor', 'logout');
      second = await startSecondWorker(t, { ROLE: 'api' });
      const otherProcess = () => request(second!.getHttpServer());
      await otherProcess().get('/users/me').set(bearer(user.first)).expect(200);

      await t.http().post('/auth/logout').set(bearer(user.first)).expect(204);

      for (const [where, http] of [
        ['this process', t.http],
        ['another process', otherProcess],
      ] as const) {
        const refused = await http().get('/users/me').set(bearer(user.first));
        expect({ where, status: refused.status }).toEqual({ where, status: 401 });
        expectErrorShape(refused.body, 401);
        expect(refused.body.message).toMatch(/signed out/);
        const kept = await http().get('/users/me').set(bearer(user.second));
        expect({ where, status: kept.status }).toEqual({ where, status: 200 });
      }
      expectErrorShape((await t.http().post('/auth/logout').set(bearer(user.first)).expect(401)).body, 401);
      await me(await signIn(user.email, PASSWORD)).expect(200);
    });

    it('needs a token', async () => {
      expectErrorShape((await t.http().post('/auth/logout').expect(401)).body, 401);
    });
  });

  describe('password reset', () => {
    const start = (userId: number, token = admin) =>
      t.http().post(`/users/${userId}/password-reset`).set(bearer(token));
    const complete = (token: string, password: string) =>
      t.http().post('/auth/password-reset').send({ token, password });

    /** Starts a reset and waits for its e-mail over SMTP; returns the e-mail and the token of its link. */
    async function resetMail(userId: number, email: string): Promise<{ mail: ReceivedMail; token: string }> {
      const count = smtp.received.length;
      const started = await start(userId).expect(202);
      expect(started.body).toEqual({
        userId,
        expiresAt: expect.any(String),
        notificationId: expect.any(Number),
      });
      const expiresIn = new Date(started.body.expiresAt as string).getTime() - (Date.now() + clockOffsetMs);
      expect(Math.abs(expiresIn - HOUR_MS)).toBeLessThan(60_000);
      const mail = await until(async () => smtp.received.slice(count).find((m) => m.to.includes(email)));
      const link = new RegExp(`${PUBLIC_URL}/app/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
      expect(link).not.toBeNull();
      const token = link![1];
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
      expect(JSON.stringify(started.body)).not.toContain(token);
      return { mail, token };
    }

    it('e-mails the user a link under PUBLIC_URL whose token sets a new password, once', async () => {
      const user = await newUser('advisor', 'reset');
      const { mail, token } = await resetMail(user.id, user.email);
      expect(mail.subject).toBe('Choisissez un nouveau mot de passe');
      expect(mail.text).toContain('POST /auth/password-reset');
      expect(mail.text).toContain(`"token": "${token}"`);

      await complete(token, 'chosen-after-reset').expect(204);
      await me(await signIn(user.email, 'chosen-after-reset')).expect(200);
      await login(user.email, PASSWORD).expect(401);
      expectErrorShape((await me(user.first).expect(401)).body, 401);

      const again = await complete(token, 'chosen-a-second-time');
      expect(again.status).toBe(422);
      expectErrorShape(again.body, 422);
      expect(again.body.message).toMatch(/invalid or has expired/);
      await login(user.email, 'chosen-a-second-time').expect(401);
      await login(user.email, 'chosen-after-reset').expect(200);
    });

    it('writes the e-mail in the language of the user', async () => {
      const user = await newUser('coordinator', 'reset-en');
      await patchMe(user.first, { language: 'en' }).expect(200);
      const { mail } = await resetMail(user.id, user.email);
      expect(mail.subject).toBe('Choose a new password');
      expect(mail.text).toMatch(/^Hello Test reset-en,/);
    });

    it('refuses an expired or unknown token with the same answer, and changes nothing', async () => {
      const user = await newUser('viewer', 'reset-expired');
      const { token } = await resetMail(user.id, user.email);
      clockOffsetMs = HOUR_MS + 1000;
      for (const tried of [token, 'made-up-token-that-was-never-sent']) {
        const refused = await complete(tried, 'too-late-password');
        expect(refused.status).toBe(422);
        expectErrorShape(refused.body, 422);
        expect(refused.body.message).toMatch(/invalid or has expired/);
      }
      await login(user.email, 'too-late-password').expect(401);
      await me(user.first).expect(200);
    });

    it('keeps only the latest link of a user working', async () => {
      const user = await newUser('advisor', 'reset-twice');
      const { token: older } = await resetMail(user.id, user.email);
      const { token: newer } = await resetMail(user.id, user.email);
      expect((await complete(older, 'from-the-older-link')).status).toBe(422);
      await complete(newer, 'from-the-newer-link').expect(204);
    });

    it.each(['coordinator', 'advisor', 'viewer'] as Role[])('is refused to a %s with 403', async (role) => {
      const user = await newUser('advisor', `target-${role}`);
      const refused = await start(user.id, await t.tokenFor(role)).expect(403);
      expectErrorShape(refused.body, 403);
    });

    it('answers 404 for an unknown user and 400 for a password reset body that is not one', async () => {
      expectErrorShape((await start(987654).expect(404)).body, 404);
      const bad = await t.http().post('/auth/password-reset').send({ token: 'x', password: 'short' }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['password']);
    });

    it('never shows the token through GET /notifications', async () => {
      const user = await newUser('advisor', 'reset-private');
      const { token } = await resetMail(user.id, user.email);
      const listed = () =>
        t.http().get('/notifications?kind=password_reset&pageSize=100').set(bearer(admin)).expect(200);
      const mineIn = (body: { items: { id: number; recipientEmail: string; status: string }[] }) =>
        body.items.find((n) => n.recipientEmail === user.email);
      // The record says sent a moment after the server accepted the message.
      await until(async () => mineIn((await listed()).body)?.status === 'sent');
      const list = await listed();
      const mine = mineIn(list.body);
      expect(mine).toMatchObject({ kind: 'password_reset', status: 'sent', subject: expect.any(String) });
      expect(mine).not.toHaveProperty('body');
      const one = await t.http().get(`/notifications/${mine!.id}`).set(bearer(admin)).expect(200);
      for (const text of [JSON.stringify(list.body), JSON.stringify(one.body)]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain('reset-password?token=');
      }
      const [row] = await t.dataSource.query(`SELECT body FROM notifications WHERE id = ${Number(mine!.id)}`);
      expect(row.body).toBe('');
    });
  });
});
