import type { Role } from '../src/users/user.entity.js';
import { ROLES } from './support/roles.js';
import { ADMIN, bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';
import { countRows } from './support/fixtures.js';

let counter = 0;
const newUser = (overrides: Record<string, unknown> = {}) => {
  counter += 1;
  return {
    email: `user-${counter}@users.test.example`,
    password: 'a-long-password-1',
    name: `User ${counter}`,
    role: 'advisor',
    ...overrides,
  };
};

/** A user body never carries a password or its hash, under any name. */
function expectNoSecrets(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/password/i);
  expect(text).not.toMatch(/scrypt\$/);
}

describe('users', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const createUser = (body: object, token = admin) => t.http().post('/users').set(bearer(token)).send(body);
  const patchUser = (id: number | string, body: object, token = admin) =>
    t.http().patch(`/users/${id}`).set(bearer(token)).send(body);
  const login = (email: string, password: string) => t.http().post('/auth/login').send({ email, password });

  describe('GET /users/me', () => {
    it.each(ROLES)('shows a %s who they are, without any password', async (role) => {
      const token = await t.tokenFor(role);
      const id = await t.userIdFor(role);
      const response = await t.http().get('/users/me').set(bearer(token)).expect(200);
      expect(response.body).toMatchObject({ id, role, active: true, language: 'fr' });
      expect(response.body.email).toEqual(
        role === 'admin' ? ADMIN.email : expect.stringMatching(new RegExp(`^${role}-.+@test\\.example$`)),
      );
      expectNoSecrets(response.body);
    });
  });

  describe('POST /users', () => {
    it('creates a user (201), normalizes the e-mail, and never returns the password or its hash', async () => {
      const body = newUser({
        email: '  Marie.Tremblay@Federation.Example ',
        name: '  Marie Tremblay ',
        role: 'coordinator',
        language: 'en',
      });
      const created = await createUser(body).expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        email: 'marie.tremblay@federation.example',
        name: 'Marie Tremblay',
        role: 'coordinator',
        language: 'en',
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expectNoSecrets(created.body);
      expect(JSON.stringify(created.body)).not.toContain(body.password);

      const read = await t.http().get(`/users/${created.body.id}`).set(bearer(admin)).expect(200);
      expect(read.body).toEqual(created.body);
      const list = await t.http().get('/users').set(bearer(admin)).expect(200);
      expect(list.body.map((u: { id: number }) => u.id)).toContain(created.body.id);
      expectNoSecrets(list.body);

      await login('marie.tremblay@federation.example', body.password).expect(200);
    });

    it('defaults the language to fr', async () => {
      const created = await createUser(newUser({ role: 'viewer' })).expect(201);
      expect(created.body).toMatchObject({ role: 'viewer', language: 'fr', active: true });
    });

    it('refuses a duplicate e-mail with 409, also when only the case differs, and writes nothing', async () => {
      const body = newUser();
      await createUser(body).expect(201);
      const before = await countRows(t, 'users');
      for (const email of [body.email, body.email.toUpperCase(), ` ${body.email.replace('user', 'USER')} `]) {
        const response = await createUser({ ...newUser(), email });
        expect({ email, status: response.status }).toEqual({ email, status: 409 });
        expectErrorShape(response.body, 409);
      }
      expect(await countRows(t, 'users')).toBe(before);
    });

    it.each([
      ['an unknown role', { role: 'superuser' }, 'role'],
      ['no role', { role: undefined }, 'role'],
      ['a password shorter than 10 characters', { password: 'short-pw' }, 'password'],
      ['a password that is not a string', { password: 12345678901 }, 'password'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['a password hash sent directly', { passwordHash: 'scrypt$1$1$1$x$y' }, 'passwordHash'],
      ['an e-mail that is not one', { email: 'marie.tremblay' }, 'email'],
      ['an empty name', { name: '   ' }, 'name'],
      ['an unknown language', { language: 'de' }, 'language'],
    ])('refuses %s with 400 naming the field, and writes nothing', async (_label, overrides, field) => {
      const before = await countRows(t, 'users');
      const response = await createUser(newUser(overrides)).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await countRows(t, 'users')).toBe(before);
    });

    it.each(['coordinator', 'advisor', 'viewer'] as Role[])(
      'is refused to a %s with 403, and writes nothing',
      async (role) => {
        const token = await t.tokenFor(role);
        const before = await countRows(t, 'users');
        const response = await createUser(newUser({ role: 'admin' }), token).expect(403);
        expectErrorShape(response.body, 403);
        expect(await countRows(t, 'users')).toBe(before);
      },
    );
  });

  describe('GET /users', () => {
    it.each(['admin', 'coordinator'] as Role[])('lists every user for a %s', async (role) => {
      const token = await t.tokenFor(role);
      const response = await t.http().get('/users').set(bearer(token)).expect(200);
      expect(Array.isArray(response.body)).toBe(true);
      expect(response.body.length).toBe(await countRows(t, 'users'));
      expect(response.body.map((u: { email: string }) => u.email)).toContain(ADMIN.email);
      expectNoSecrets(response.body);
    });

    it.each(['advisor', 'viewer'] as Role[])('is refused to a %s with 403', async (role) => {
      const token = await t.tokenFor(role);
      const list = await t.http().get('/users').set(bearer(token)).expect(403);
      expectErrorShape(list.body, 403);
      const one = await t
        .http()
        .get(`/users/${await t.userIdFor('admin')}`)
        .set(bearer(token))
        .expect(403);
      expectErrorShape(one.body, 403);
    });
  });

  describe('PATCH /users/:id', () => {
    it('changes the name and the language', async () => {
      const { body: user } = await createUser(newUser()).expect(201);
      const response = await patchUser(user.id, { name: '  Nouveau Nom  ', language: 'en' }).expect(200);
      expect(response.body).toMatchObject({
        id: user.id,
        email: user.email,
        name: 'Nouveau Nom',
        language: 'en',
        role: 'advisor',
        active: true,
      });
      expectNoSecrets(response.body);
      const read = await t.http().get(`/users/${user.id}`).set(bearer(admin)).expect(200);
      expect(read.body).toMatchObject({ name: 'Nouveau Nom', language: 'en' });
    });

    it('changes the role, which takes effect at once on the tokens the user already holds', async () => {
      const token = await t.tokenFor('advisor', 'promoted');
      const id = await t.userIdFor('advisor', 'promoted');
      await t.http().get('/users').set(bearer(token)).expect(403);

      const promoted = await patchUser(id, { role: 'coordinator' }).expect(200);
      expect(promoted.body).toMatchObject({ id, role: 'coordinator' });
      await t.http().get('/users').set(bearer(token)).expect(200);
      expect((await t.http().get('/users/me').set(bearer(token)).expect(200)).body.role).toBe('coordinator');

      await patchUser(id, { role: 'viewer' }).expect(200);
      const refused = await t.http().get('/users').set(bearer(token)).expect(403);
      expectErrorShape(refused.body, 403);
    });

    it('changes the password: the new one signs in, the old one no longer does', async () => {
      const body = newUser();
      const { body: user } = await createUser(body).expect(201);
      await login(body.email, body.password).expect(200);

      const response = await patchUser(user.id, { password: 'a-brand-new-password' }).expect(200);
      expectNoSecrets(response.body);

      const signedIn = await login(body.email, 'a-brand-new-password').expect(200);
      await t.http().get('/users/me').set(bearer(signedIn.body.accessToken)).expect(200);
      const old = await login(body.email, body.password).expect(401);
      expectErrorShape(old.body, 401);
    });

    it.each([
      ['an unknown role', { role: 'root' }, 'role'],
      ['a short password', { password: 'short' }, 'password'],
      ['an e-mail, which cannot change', { email: 'other@test.example' }, 'email'],
      ['an unknown field', { superuser: true }, 'superuser'],
      ['active that is not a boolean', { active: 'no' }, 'active'],
    ])('refuses %s with 400 naming the field', async (_label, body, field) => {
      const id = await t.userIdFor('viewer');
      const response = await patchUser(id, body).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toEqual([field]);
      const me = await t
        .http()
        .get('/users/me')
        .set(bearer(await t.tokenFor('viewer')))
        .expect(200);
      expect(me.body).toMatchObject({ role: 'viewer', active: true });
    });

    it('answers 404 for an unknown id', async () => {
      const patched = await patchUser(987654, { name: 'Nobody' }).expect(404);
      expectErrorShape(patched.body, 404);
      const read = await t.http().get('/users/987654').set(bearer(admin)).expect(404);
      expectErrorShape(read.body, 404);
    });

    it('answers 400 naming the id, not a server error, for an id beyond the range of the database', async () => {
      for (const id of ['2147483648', '99999999999', '0', '-1']) {
        const read = await t.http().get(`/users/${id}`).set(bearer(admin));
        expect({ id, status: read.status }).toEqual({ id, status: 400 });
        expectErrorShape(read.body, 400);
        expect(read.body.message).toMatch(/id in the path must be a whole number from 1 to 2147483647/);
        const patched = await patchUser(id, { name: 'Nobody' });
        expect({ id, status: patched.status }).toEqual({ id, status: 400 });
        expectErrorShape(patched.body, 400);
      }
    });

    it.each(['abc', '1.5', '12abc'])('answers 400 for the id %s, which is not a whole number', async (id) => {
      const patched = await patchUser(id, { name: 'Nobody' }).expect(400);
      expectErrorShape(patched.body, 400);
      expect(patched.body.message).toMatch(/\bid\b/);
    });

    it.each(['abc', '1.5', '12abc'])('answers 400 to GET /users/%s', async (id) => {
      const read = await t.http().get(`/users/${id}`).set(bearer(admin)).expect(400);
      expectErrorShape(read.body, 400);
      expect(read.body.message).toMatch(/\bid\b/);
    });

    it.each(['coordinator', 'advisor', 'viewer'] as Role[])(
      'is refused to a %s with 403, even on their own account',
      async (role) => {
        const token = await t.tokenFor(role);
        const ownId = await t.userIdFor(role);
        const other = await t.userIdFor('advisor', 'bystander');
        for (const [id, body] of [
          [ownId, { role: 'admin' }],
          [ownId, { name: 'Self-renamed' }],
          [other, { active: false }],
        ] as const) {
          const response = await patchUser(id, body, token);
          expect({ id, body, status: response.status }).toEqual({ id, body, status: 403 });
          expectErrorShape(response.body, 403);
        }
        expect((await t.http().get('/users/me').set(bearer(token)).expect(200)).body).toMatchObject({
          role,
          name: `Test ${role}`,
        });
        await t
          .http()
          .get('/users/me')
          .set(bearer(await t.tokenFor('advisor', 'bystander')))
          .expect(200);
      },
    );
  });

  describe('the last active admin', () => {
    it('cannot be demoted or deactivated (422), while another admin could be', async () => {
      const adminId = await t.userIdFor('admin');
      // Make the bootstrap admin the only active one, whatever earlier tests did. An inactive admin does not count.
      const { body: second } = await createUser(newUser({ role: 'admin' })).expect(201);
      await patchUser(second.id, { active: false }).expect(200);
      const users = (await t.http().get('/users').set(bearer(admin)).expect(200)).body as {
        id: number;
        role: Role;
        active: boolean;
      }[];
      for (const other of users.filter((u) => u.role === 'admin' && u.active && u.id !== adminId)) {
        await patchUser(other.id, { role: 'coordinator' }).expect(200);
      }
      expect((await t.http().get(`/users/${second.id}`).set(bearer(admin)).expect(200)).body).toMatchObject({
        role: 'admin',
        active: false,
      });

      for (const body of [
        { role: 'coordinator' },
        { role: 'viewer' },
        { active: false },
        { role: 'advisor', active: false },
      ]) {
        const response = await patchUser(adminId, body);
        expect({ body, status: response.status }).toEqual({ body, status: 422 });
        expectErrorShape(response.body, 422);
      }
      const me = await t.http().get('/users/me').set(bearer(admin)).expect(200);
      expect(me.body).toMatchObject({ id: adminId, role: 'admin', active: true });

      // Other changes to the last admin are fine.
      const renamed = await patchUser(adminId, {
        name: 'Administration',
        language: 'en',
        role: 'admin',
        active: true,
      }).expect(200);
      expect(renamed.body).toMatchObject({ role: 'admin', active: true, language: 'en' });
      await patchUser(adminId, { language: 'fr' }).expect(200);
    });

    // Last in the file: if the app lets both through, no admin is left. A few rounds, as a race may not show every time.
    it('survives two admins demoting each other at the same moment: one always stays admin', async () => {
      let current = { id: await t.userIdFor('admin'), token: admin };
      for (let round = 1; round <= 5; round++) {
        const body = newUser({ role: 'admin' });
        const { body: created } = await createUser(body, current.token).expect(201);
        const other = {
          id: created.id as number,
          token: (await login(body.email, body.password).expect(200)).body.accessToken as string,
        };

        const [demoteOther, demoteCurrent] = await Promise.all([
          patchUser(other.id, { role: 'coordinator' }, current.token),
          patchUser(current.id, { role: 'coordinator' }, other.token),
        ]);
        // One wins; the other is refused: 422 (last admin) or 403 (its caller was demoted first).
        const statuses = [demoteOther.status, demoteCurrent.status];
        const users = (await t.http().get('/users').set(bearer(current.token)).expect(200)).body as {
          id: number;
          role: Role;
          active: boolean;
        }[];
        const admins = users.filter((u) => u.role === 'admin' && u.active).map((u) => u.id);
        expect({
          round,
          granted: statuses.filter((s) => s === 200).length,
          refused: statuses.filter((s) => s === 403 || s === 422).length,
          admins: admins.length,
        }).toEqual({ round, granted: 1, refused: 1, admins: 1 });
        if (admins[0] === other.id) current = other;
      }
    });
  });
});
