import { actorOf, auditCount, auditOf, onlyNewEntry, trailText, type AuditItem } from './support/audit.js';
import { startSmtpSink, type SmtpSink } from './support/smtp.js';
import { ADMIN, bearer, PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// The audit trail of accounts: who created or changed a user, a reset or a new password recorded
// as a fact, and never a password or a reset token in the trail.

const PUBLIC_URL = 'https://suivi.federation.test';
const ADMIN_SET_PASSWORD = 'set-by-the-admin-4821';
const OWN_NEW_PASSWORD = 'chosen-by-myself-7730';
const AFTER_RESET_PASSWORD = 'chosen-after-reset-9164';

describe('the audit trail of users and accounts', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let adminId: number;
  /** Every reset token the tests saw: none may reach the trail. */
  const resetTokens: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
    admin = await t.tokenFor('admin');
    adminId = await t.userIdFor('admin');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  let counter = 0;
  /** A user the admin creates through the API. */
  async function createUser(role = 'advisor', language = 'fr') {
    counter += 1;
    const email = `personne-${counter}@audit.test`;
    const response = await t
      .http()
      .post('/users')
      .set(bearer(admin))
      .send({ email: `  ${email.toUpperCase()} `, password: PASSWORD, name: `Personne ${counter}`, role, language })
      .expect(201);
    return { id: response.body.id as number, email, name: `Personne ${counter}` };
  }
  const signIn = async (email: string, password = PASSWORD) =>
    (await t.http().post('/auth/login').send({ email, password }).expect(200)).body.accessToken as string;
  const patchUser = (id: number, body: object, token = admin) =>
    t.http().patch(`/users/${id}`).set(bearer(token)).send(body);
  const patchMe = (token: string, body: object) => t.http().patch('/users/me').set(bearer(token)).send(body);
  const newEntry = (id: number, before: AuditItem[]) => onlyNewEntry(t, 'user', id, before);

  /** Starts a reset as the admin and returns the token of the link e-mailed to the user. */
  async function startReset(userId: number, email: string): Promise<string> {
    const count = smtp.received.length;
    await t.http().post(`/users/${userId}/password-reset`).set(bearer(admin)).expect(202);
    const mail = await until(async () => smtp.received.slice(count).find((m) => m.to.includes(email)));
    const token = new RegExp(`${PUBLIC_URL}/app/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(mail.text)![1];
    resetTokens.push(token);
    return token;
  }

  it('records the first admin, created at start by the service itself', async () => {
    const [created] = await auditOf(t, 'user', adminId);
    expect(created).toMatchObject({ action: 'create', user: null, entityId: String(adminId), projectId: null });
    expect(created.before).toBeNull();
    expect(created.after).toEqual({
      email: ADMIN.email,
      name: 'Administration',
      role: 'admin',
      language: 'fr',
      active: true,
    });
  });

  it("records a user's creation by the admin: who, and the account's fields without its password", async () => {
    const user = await createUser('coordinator', 'en');
    const entries = await auditOf(t, 'user', user.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'create', entity: 'user', projectId: null });
    expect(actorOf(entries[0])).toBe(adminId);
    expect(entries[0].after).toEqual({
      email: user.email,
      name: user.name,
      role: 'coordinator',
      language: 'en',
      active: true,
    });
  });

  it('records a change of role, name and language with only those fields, before and after', async () => {
    const user = await createUser();
    const before = await auditOf(t, 'user', user.id);
    await patchUser(user.id, { role: 'coordinator', name: 'Nom changé', language: 'fr' }).expect(200);
    const entry = await newEntry(user.id, before);
    expect(entry.action).toBe('change');
    expect(actorOf(entry)).toBe(adminId);
    // The language was French already: it did not change, so it is not there.
    expect(entry.before).toEqual({ role: 'advisor', name: user.name });
    expect(entry.after).toEqual({ role: 'coordinator', name: 'Nom changé' });
  });

  it('records a deactivation and a reactivation, and nothing for a change that changes nothing', async () => {
    const user = await createUser();
    const before = await auditOf(t, 'user', user.id);
    await patchUser(user.id, { active: false }).expect(200);
    const deactivated = await newEntry(user.id, before);
    expect([deactivated.action, deactivated.before, deactivated.after]).toEqual([
      'change',
      { active: true },
      { active: false },
    ]);
    await patchUser(user.id, { active: true }).expect(200);
    const reactivated = await newEntry(user.id, [...before, deactivated]);
    expect([reactivated.before, reactivated.after]).toEqual([{ active: false }, { active: true }]);

    const count = await auditCount(t);
    await patchUser(user.id, { active: true, role: 'advisor' }).expect(200);
    expect(await auditCount(t)).toBe(count);
  });

  it('records a password the admin sets as a fact, never the password', async () => {
    const user = await createUser();
    const before = await auditOf(t, 'user', user.id);
    await patchUser(user.id, { password: ADMIN_SET_PASSWORD }).expect(200);
    const entry = await newEntry(user.id, before);
    expect(actorOf(entry)).toBe(adminId);
    expect([entry.action, entry.before, entry.after]).toEqual([
      'change',
      { passwordChanged: null },
      { passwordChanged: true },
    ]);
    await signIn(user.email, ADMIN_SET_PASSWORD);
  });

  it('records nothing for refused changes: a role that may not (403), a taken e-mail (409), the last admin (422)', async () => {
    const user = await createUser();
    const coordinator = await t.tokenFor('coordinator');
    const count = await auditCount(t);

    await patchUser(user.id, { role: 'admin' }, coordinator).expect(403);
    await t
      .http()
      .post('/users')
      .set(bearer(coordinator))
      .send({ email: 'autre@audit.test', password: PASSWORD, name: 'Autre', role: 'advisor' })
      .expect(403);
    await t
      .http()
      .post('/users')
      .set(bearer(admin))
      .send({ email: user.email, password: PASSWORD, name: 'Doublon', role: 'advisor' })
      .expect(409);
    // The admin of the test app is the only active one.
    await patchUser(adminId, { role: 'coordinator' }).expect(422);
    await patchUser(adminId, { active: false }).expect(422);
    await t.http().post(`/users/${user.id}/password-reset`).set(bearer(coordinator)).expect(403);

    expect(await auditCount(t)).toBe(count);
  });

  describe('changes people make to their own account', () => {
    it('records a new name and language with the user as the actor', async () => {
      const user = await createUser();
      const token = await signIn(user.email);
      const before = await auditOf(t, 'user', user.id);
      await patchMe(token, { name: '  Mon nom  ', language: 'en' }).expect(200);
      const entry = await newEntry(user.id, before);
      expect(actorOf(entry)).toBe(user.id);
      expect([entry.action, entry.before, entry.after]).toEqual([
        'change',
        { name: user.name, language: 'fr' },
        { name: 'Mon nom', language: 'en' },
      ]);
    });

    it('records a new password as a fact, and nothing when the current password is wrong', async () => {
      const user = await createUser();
      const token = await signIn(user.email);
      const count = await auditCount(t);
      await patchMe(token, { currentPassword: 'not-my-password', password: OWN_NEW_PASSWORD }).expect(422);
      expect(await auditCount(t)).toBe(count);

      const before = await auditOf(t, 'user', user.id);
      await patchMe(token, { currentPassword: PASSWORD, password: OWN_NEW_PASSWORD, language: 'en' }).expect(200);
      const entry = await newEntry(user.id, before);
      expect(actorOf(entry)).toBe(user.id);
      expect([entry.action, entry.before, entry.after]).toEqual([
        'change',
        { language: 'fr', passwordChanged: null },
        { language: 'en', passwordChanged: true },
      ]);
      await signIn(user.email, OWN_NEW_PASSWORD);
    });
  });

  describe('password resets', () => {
    it('records the reset the admin starts, and its use by the user, without the token', async () => {
      const user = await createUser();
      const before = await auditOf(t, 'user', user.id);
      const token = await startReset(user.id, user.email);
      const requested = await newEntry(user.id, before);
      expect(actorOf(requested)).toBe(adminId);
      expect([requested.action, requested.before, requested.after]).toEqual([
        'change',
        { passwordReset: null },
        { passwordReset: 'requested' },
      ]);

      await t.http().post('/auth/password-reset').send({ token, password: AFTER_RESET_PASSWORD }).expect(204);
      const completed = await newEntry(user.id, [...before, requested]);
      expect(actorOf(completed)).toBe(user.id);
      expect([completed.action, completed.before, completed.after]).toEqual([
        'change',
        { passwordReset: 'requested' },
        { passwordReset: 'completed' },
      ]);
      await signIn(user.email, AFTER_RESET_PASSWORD);
    });

    it('records nothing for a used or unknown link, nor for a reset of a deactivated account', async () => {
      const user = await createUser();
      const token = await startReset(user.id, user.email);
      await t.http().post('/auth/password-reset').send({ token, password: AFTER_RESET_PASSWORD }).expect(204);
      const count = await auditCount(t);

      await t.http().post('/auth/password-reset').send({ token, password: 'once-more-please-1' }).expect(422);
      await t
        .http()
        .post('/auth/password-reset')
        .send({ token: 'made-up-token-that-was-never-sent', password: 'once-more-please-1' })
        .expect(422);
      expect(await auditCount(t)).toBe(count);

      await patchUser(user.id, { active: false }).expect(200);
      const afterDeactivation = await auditCount(t);
      await t.http().post(`/users/${user.id}/password-reset`).set(bearer(admin)).expect(422);
      expect(await auditCount(t)).toBe(afterDeactivation);
    });
  });

  it('holds no password, hash or reset token anywhere in the trail', async () => {
    expect(resetTokens.length).toBeGreaterThan(0);
    const text = await trailText(t);
    expect(text).toContain('passwordReset');
    for (const secret of [
      ADMIN.password,
      PASSWORD,
      ADMIN_SET_PASSWORD,
      OWN_NEW_PASSWORD,
      AFTER_RESET_PASSWORD,
      ...resetTokens,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/passwordHash|tokenVersion|tokenHash|scrypt/i);
  });
});
