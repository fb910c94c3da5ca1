import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';
import { cohortBody, countRows, createCohort, createProject, projectBody } from './support/fixtures.js';

type Table = Parameters<typeof countRows>[1];
const PROJECT_TABLES: Table[] = ['projects', 'enrollments', 'transitions', 'contacts'];

describe('error responses', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const counts = async (tables: Table[]) =>
    Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await countRows(t, table)])));
  const postProject = (body: unknown) =>
    t
      .http()
      .post('/projects')
      .set(bearer(coordinator))
      .send(body as object);

  describe('bodies that are not JSON', () => {
    it.each([
      ['cut short', '{"name": "Coop", "sector": '],
      ['with a trailing comma', '{"name": "Coop",}'],
      ['in single quotes', "{'name': 'Coop'}"],
      ['empty', ''],
    ])('answers 400 to JSON %s, and writes nothing', async (_label, raw) => {
      const before = await counts(PROJECT_TABLES);
      const response = await t
        .http()
        .post('/projects')
        .set(bearer(coordinator))
        .set('content-type', 'application/json')
        .send(raw)
        .expect(400);
      expectErrorShape(response.body, 400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it('answers 400 to malformed JSON on a public route too', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .set('content-type', 'application/json')
        .send('{"email":')
        .expect(400);
      expectErrorShape(response.body, 400);
    });

    it.each([
      ['text/plain', JSON.stringify(projectBody())],
      ['application/xml', '<project><name>Coop</name></project>'],
      [
        'application/x-www-form-urlencoded',
        new URLSearchParams(
          Object.fromEntries(Object.entries(projectBody()).map(([k, v]) => [k, String(v)])),
        ).toString(),
      ],
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nCoop\r\n--xyz--\r\n',
      ],
    ])('refuses a %s body with a 4xx in the error shape, and writes nothing', async (contentType, raw) => {
      const before = await counts(PROJECT_TABLES);
      const response = await t
        .http()
        .post('/projects')
        .set(bearer(coordinator))
        .set('content-type', contentType)
        .send(raw);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectErrorShape(response.body, response.status);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it('answers 413 to a body over the size limit', async () => {
      const response = await postProject(projectBody({ sector: 'x'.repeat(1_100_000) })).expect(413);
      expectErrorShape(response.body, 413);
    });
  });

  describe('validation', () => {
    it.each([
      ['POST /projects', () => postProject(projectBody({ budget: 1000 })), 'budget'],
      [
        'POST /projects (inside a contact)',
        () => postProject(projectBody({ contacts: [{ name: 'Camille', email: 'camille@example.org', phone: '555' }] })),
        'contacts.0.phone',
      ],
      [
        'POST /cohorts',
        () =>
          t
            .http()
            .post('/cohorts')
            .set(bearer(coordinator))
            .send(cohortBody({ room: 'B-12' })),
        'room',
      ],
      [
        'POST /projects/:id/transitions',
        async () => {
          const project = await createProject(t, coordinator);
          return t
            .http()
            .post(`/projects/${project.id}/transitions`)
            .set(bearer(coordinator))
            .send({ to: 'accompagnement', force: true });
        },
        'force',
      ],
      [
        'PATCH /projects/:id',
        async () => {
          const project = await createProject(t, coordinator);
          return t.http().patch(`/projects/${project.id}`).set(bearer(coordinator)).send({ version: 7 });
        },
        'version',
      ],
      ['GET /projects (query)', () => t.http().get('/projects?colour=red').set(bearer(coordinator)), 'colour'],
    ])('refuses an unknown field in %s with 400 whose details name it', async (_route, send, field) => {
      const response = await send();
      expect(response.status).toBe(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(response.body.message).toContain(field.split('.').pop());
    });

    it.each([
      ['entrepreneurCount', 'three'],
      ['entrepreneurCount', 2.5],
      ['name', 42],
      ['region', 6],
      ['contacts', 'camille@example.org'],
      ['cohortId', '5'],
      ['enrolledAt', 'last tuesday'],
      ['kind', ['startup']],
    ])('refuses %s = %j in POST /projects with 400 naming the field', async (field, value) => {
      const before = await counts(PROJECT_TABLES);
      const response = await postProject(projectBody({ [field]: value })).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it('refuses null for a field that may be left out but not emptied, with 400 naming it, and changes nothing', async () => {
      const admin = await t.tokenFor('admin');
      const project = await createProject(t, coordinator, { name: 'Coop Intacte' });
      const cohort = await createCohort(t, coordinator);
      const userId = await t.userIdFor('advisor');
      for (const [path, field, token] of [
        [`/projects/${project.id}`, 'name', coordinator],
        [`/projects/${project.id}`, 'entrepreneurCount', coordinator],
        [`/cohorts/${cohort.id}`, 'label', coordinator],
        [`/cohorts/${cohort.id}`, 'endsOn', coordinator],
        [`/users/${userId}`, 'name', admin],
        [`/users/${userId}`, 'active', admin],
        ['/programs/demarrage/stages/premier-contact', 'labelFr', admin],
      ] as const) {
        const response = await t
          .http()
          .patch(path)
          .set(bearer(token))
          .send({ [field]: null });
        expect({ path, field, status: response.status, fields: fieldsOf(response.body) }).toEqual({
          path,
          field,
          status: 400,
          fields: [field],
        });
        expectErrorShape(response.body, 400);
      }
      expect((await t.http().get(`/projects/${project.id}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({
        name: 'Coop Intacte',
        version: 1,
      });
      // Where null means something, it is still accepted: a project with no advisor.
      await t.http().patch(`/projects/${project.id}`).set(bearer(coordinator)).send({ advisorId: null }).expect(200);
    });

    it('refuses a wrongly typed query parameter with 400 naming it', async () => {
      for (const [query, field] of [
        ['page=abc', 'page'],
        ['pageSize=0', 'pageSize'],
        ['sort=size', 'sort'],
        ['advisorId=x', 'advisorId'],
      ]) {
        const response = await t.http().get(`/projects?${query}`).set(bearer(coordinator));
        expect({ query, status: response.status, fields: fieldsOf(response.body) }).toEqual({
          query,
          status: 400,
          fields: [field],
        });
        expectErrorShape(response.body, 400);
      }
    });

    it('names the nested field of an invalid contact e-mail (contacts.N.email), and writes nothing', async () => {
      const before = await counts(PROJECT_TABLES);
      const first = await postProject(
        projectBody({ contacts: [{ name: 'Camille Roy', email: 'not-an-email' }] }),
      ).expect(400);
      expectErrorShape(first.body, 400);
      expect(fieldsOf(first.body)).toEqual(['contacts.0.email']);

      const second = await postProject(
        projectBody({
          contacts: [
            { name: 'Camille Roy', email: 'camille@example.org' },
            { name: 'Alex Gagnon', email: 'alex@' },
            { name: '', email: 'sam@example.org' },
          ],
        }),
      ).expect(400);
      expectErrorShape(second.body, 400);
      expect(fieldsOf(second.body).sort()).toEqual(['contacts.1.email', 'contacts.2.name']);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it('names the field of an invalid e-mail in POST /projects/:id/contacts', async () => {
      const project = await createProject(t, coordinator);
      const response = await t
        .http()
        .post(`/projects/${project.id}/contacts`)
        .set(bearer(coordinator))
        .send({ name: 'Camille', email: 'camille' })
        .expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toEqual(['email']);
    });
  });

  describe('not found', () => {
    it.each([
      ['get', '/nope'],
      ['post', '/nope'],
      ['get', '/projects/1/nope'],
      ['delete', '/projects'],
      ['get', '/api/projects'],
    ] as const)('answers 404 to the unknown route %s %s, with or without a token', async (method, path) => {
      const signedIn = await t.http()[method](path).set(bearer(coordinator)).expect(404);
      expectErrorShape(signedIn.body, 404);
      const anonymous = await t.http()[method](path).expect(404);
      expectErrorShape(anonymous.body, 404);
    });

    it.each([
      ['get', '/projects/987654', undefined],
      ['patch', '/projects/987654', { name: 'Ghost' }],
      ['get', '/projects/987654/transitions', undefined],
      ['post', '/projects/987654/transitions', { to: 'accompagnement' }],
      ['post', '/projects/987654/contacts', { name: 'Camille', email: 'camille@example.org' }],
      ['post', '/projects/987654/enrollments', { programCode: 'transfertcoop' }],
      ['get', '/cohorts/987654', undefined],
      ['patch', '/cohorts/987654', { label: 'Ghost' }],
      ['get', '/programs/no-such-program', undefined],
    ] as const)('answers 404 to %s %s, naming what is missing', async (method, path, body) => {
      const request = t.http()[method](path).set(bearer(coordinator));
      const response = await (body ? request.send(body) : request).expect(404);
      expectErrorShape(response.body, 404);
      expect(response.body.message).toMatch(/987654|no-such-program/);
    });

    it('answers 400, not a server error, for a project or cohort id beyond the range of the database', async () => {
      for (const path of ['/projects/2147483648', '/cohorts/2147483648', '/projects/99999999999/transitions']) {
        const response = await t.http().get(path).set(bearer(coordinator));
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expectErrorShape(response.body, 400);
        expect(response.body.message).toMatch(/id in the path must be a whole number from 1 to 2147483647/);
      }
    });

    it('answers 400 to a project id that is not written as a whole number in decimal digits', async () => {
      // JavaScript would read the last four as numbers (1000, 16, 7 and 7).
      for (const id of ['abc', '1.5', '7a', '1e3', '0x10', '+7', '%207']) {
        const response = await t.http().get(`/projects/${id}`).set(bearer(coordinator));
        expect({ id, status: response.status }).toEqual({ id, status: 400 });
        expectErrorShape(response.body, 400);
      }
    });
  });

  describe('a refused request leaves no row behind', () => {
    it('a project refused after its rows were written (unknown cohort, 422) leaves no project, contact, enrollment or transition', async () => {
      const before = await counts(PROJECT_TABLES);
      const response = await postProject(
        projectBody({
          programCode: 'parcours-coop',
          cohortId: 987654,
          contacts: [
            { name: 'Camille Roy', email: 'camille@example.org' },
            { name: 'Alex Gagnon', email: 'alex@example.org' },
          ],
        }),
      ).expect(422);
      expectErrorShape(response.body, 422);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it.each([
      ['cohortId', { programCode: 'parcours-coop', cohortId: 3_000_000_000 }],
      ['advisorId', { advisorId: 3_000_000_000 }],
    ])(
      'a project whose %s is beyond the range of the database is refused as bad input (400 or 422), not a server error, and leaves nothing',
      async (_field, overrides) => {
        const before = await counts(PROJECT_TABLES);
        const response = await postProject(projectBody(overrides));
        expect([400, 422]).toContain(response.status);
        expectErrorShape(response.body, response.status);
        expect(await counts(PROJECT_TABLES)).toEqual(before);
      },
    );

    it('a project enrolled in the future (422) leaves nothing', async () => {
      const before = await counts(PROJECT_TABLES);
      const response = await postProject(
        projectBody({ enrolledAt: '2099-01-01', contacts: [{ name: 'Camille Roy', email: 'camille@example.org' }] }),
      ).expect(422);
      expectErrorShape(response.body, 422);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it('a project in a program that does not exist (422) leaves nothing', async () => {
      const before = await counts(PROJECT_TABLES);
      const response = await postProject(
        projectBody({
          programCode: 'no-such-program',
          contacts: [{ name: 'Camille Roy', email: 'camille@example.org' }],
        }),
      ).expect(422);
      expectErrorShape(response.body, 422);
      expect(await counts(PROJECT_TABLES)).toEqual(before);
    });

    it('a cohort with a number already taken (409) leaves nothing', async () => {
      const cohort = await createCohort(t, coordinator);
      const before = await countRows(t, 'cohorts');
      const response = await t
        .http()
        .post('/cohorts')
        .set(bearer(coordinator))
        .send(cohortBody({ number: cohort.number }))
        .expect(409);
      expectErrorShape(response.body, 409);
      expect(await countRows(t, 'cohorts')).toBe(before);
    });

    it('an illegal stage move (422) leaves no transition and does not move the project', async () => {
      const project = await createProject(t, coordinator);
      const before = await counts(['transitions', 'enrollments']);
      const response = await t
        .http()
        .post(`/projects/${project.id}/transitions`)
        .set(bearer(coordinator))
        .send({ to: 'no-such-stage' })
        .expect(422);
      expectErrorShape(response.body, 422);
      expect(await counts(['transitions', 'enrollments'])).toEqual(before);
      const after = await t.http().get(`/projects/${project.id}`).set(bearer(coordinator)).expect(200);
      expect(after.body.enrollments[0]).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
    });
  });

  it('gives every kind of refusal the same shape', async () => {
    const project = await createProject(t, coordinator);
    const viewer = await t.tokenFor('viewer');
    const refusals: [number, () => Promise<{ status: number; body: Record<string, unknown> }>][] = [
      [400, () => postProject({})],
      [401, () => t.http().get('/projects')],
      [403, () => t.http().post('/projects').set(bearer(viewer)).send(projectBody())],
      [404, () => t.http().get('/projects/987654').set(bearer(coordinator))],
      [
        409,
        () =>
          t
            .http()
            .patch(`/projects/${project.id}`)
            .set(bearer(coordinator))
            .set('if-match', '"99"')
            .send({ name: 'Stale' }),
      ],
      [
        415,
        () => t.http().post('/projects').set(bearer(coordinator)).set('content-type', 'application/xml').send('<a/>'),
      ],
      [
        422,
        () =>
          t.http().post(`/projects/${project.id}/transitions`).set(bearer(coordinator)).send({ to: 'prefaisabilite' }),
      ],
    ];
    for (const [status, send] of refusals) {
      const response = await send();
      expect({ expected: status, status: response.status }).toEqual({ expected: status, status });
      expectErrorShape(response.body, status);
    }
  });
});
