import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';
import { cohortBody, countRows, createCohort, createProject, projectBody } from './support/fixtures.js';

type Table = Parameters<typeof countRows>[1];
const WRITTEN: Table[] = [
  'projects',
  'enrollments',
  'transitions',
  'contacts',
  'cohorts',
  'users',
  'stages',
  'satisfaction_ratings',
];

/** `{"email": [[[ ... ]]] }`, nested `depth` levels deep. */
const deeplyNested = (field: string, depth: number) => `{"${field}":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('the request boundary', () => {
  let t: TestApp;
  let coordinator: string;
  let advisor: string;
  let viewer: string;
  let admin: string;
  let projectId: number;
  let cohortId: number;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, coordinator, advisor, viewer] = await Promise.all([
      t.tokenFor('admin'),
      t.tokenFor('coordinator'),
      t.tokenFor('advisor'),
      t.tokenFor('viewer'),
    ]);
    projectId = (await createProject(t, coordinator)).id;
    cohortId = (await createCohort(t, coordinator)).id;
  });
  afterAll(() => t.close());

  const counts = async () =>
    Object.fromEntries(await Promise.all(WRITTEN.map(async (table) => [table, await countRows(t, table)])));

  /** Sends a request, expects a 400 in the error shape naming `field`, and checks nothing was written. */
  async function expectRefused(
    send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    field: string,
  ) {
    const before = await counts();
    const response = await send();
    expect({ status: response.status, fields: fieldsOf(response.body) }).toEqual({
      status: 400,
      fields: expect.arrayContaining([field]),
    });
    expectErrorShape(response.body, 400);
    expect(await counts()).toEqual(before);
    return response.body;
  }

  describe('JSON nested too deep', () => {
    it('answers 400 to 5,000 levels of arrays in sign-in, without a token, naming the field', async () => {
      const body = await expectRefused(
        () => t.http().post('/auth/login').set('content-type', 'application/json').send(deeplyNested('email', 5000)),
        'email',
      );
      expect(body.message).toMatch(/32 levels/);
    });

    it.each([33, 1500, 100_000])('answers 400 to %i levels in an authenticated write', async (depth) => {
      await expectRefused(
        () =>
          t
            .http()
            .post('/projects')
            .set(bearer(advisor))
            .set('content-type', 'application/json')
            .send(deeplyNested('contacts', depth)),
        'contacts',
      );
    });

    it('lets 32 levels through to ordinary validation', async () => {
      const response = await t
        .http()
        .post('/projects')
        .set(bearer(advisor))
        .set('content-type', 'application/json')
        .send(deeplyNested('name', 31));
      expect(response.status).toBe(400);
      expect(response.body.message).not.toMatch(/levels/);
      expect(fieldsOf(response.body)).toContain('name');
    });
  });

  describe('text that is not text', () => {
    const LONE_SURROGATE = '\ud800';

    it('answers 400 to a lone surrogate in the e-mail of a sign-in, without a token', async () => {
      await expectRefused(() => t.http().post('/auth/login').send({ email: LONE_SURROGATE, password: 'x' }), 'email');
    });

    it('answers 400 to a lone surrogate in the e-mail of a new user and of a contact', async () => {
      await expectRefused(
        () =>
          t
            .http()
            .post('/users')
            .set(bearer(admin))
            .send({ email: `a${LONE_SURROGATE}@x.ca`, password: 'long-enough-1', name: 'X', role: 'viewer' }),
        'email',
      );
      await expectRefused(
        () =>
          t
            .http()
            .post('/projects')
            .set(bearer(advisor))
            .send(projectBody({ contacts: [{ name: 'A', email: `\udc00@x.ca` }] })),
        'contacts.0.email',
      );
      await expectRefused(
        () =>
          t
            .http()
            .post(`/projects/${projectId}/contacts`)
            .set(bearer(coordinator))
            .send({ name: 'A', email: `${LONE_SURROGATE}@x.ca` }),
        'email',
      );
    });

    it('keeps a well-formed pair (an emoji) as text', async () => {
      const project = await createProject(t, advisor, { name: 'Coop du 🌲 boréal' });
      expect(project.name).toBe('Coop du 🌲 boréal');
    });

    it.each([
      [
        'a project name',
        () =>
          t
            .http()
            .post('/projects')
            .set(bearer(advisor))
            .send(projectBody({ name: 'a\u0000b' })),
        'name',
      ],
      [
        'a project sector',
        () =>
          t
            .http()
            .post('/projects')
            .set(bearer(advisor))
            .send(projectBody({ sector: '\u0000' })),
        'sector',
      ],
      [
        'a programCode',
        () =>
          t
            .http()
            .post('/projects')
            .set(bearer(advisor))
            .send(projectBody({ programCode: 'demar\u0000rage' })),
        'programCode',
      ],
      [
        'a contact name',
        () =>
          t
            .http()
            .post(`/projects/${projectId}/contacts`)
            .set(bearer(coordinator))
            .send({ name: 'A\u0000', email: 'a@x.ca' }),
        'name',
      ],
      [
        'a note',
        () => t.http().post(`/projects/${projectId}/notes`).set(bearer(coordinator)).send({ body: 'x\u0000' }),
        'body',
      ],
      [
        'a cohort label',
        () =>
          t
            .http()
            .post('/cohorts')
            .set(bearer(coordinator))
            .send(cohortBody({ label: '\u0000' })),
        'label',
      ],
      [
        'a user name',
        () =>
          t
            .http()
            .post('/users')
            .set(bearer(admin))
            .send({ email: 'nul@x.ca', password: 'long-enough-1', name: 'N\u0000', role: 'viewer' }),
        'name',
      ],
      [
        'a stage label',
        () =>
          t
            .http()
            .post('/programs/demarrage/stages')
            .set(bearer(admin))
            .send({ code: 'etape-x', labelFr: 'É\u0000', labelEn: 'S' }),
        'labelFr',
      ],
      [
        'a follow-up note',
        () =>
          t
            .http()
            .post(`/projects/${projectId}/follow-ups`)
            .set(bearer(coordinator))
            .send({ dueOn: '2026-12-01', note: '\u0000' }),
        'note',
      ],
      [
        'a rating respondent',
        () =>
          t
            .http()
            .post(`/cohorts/${cohortId}/ratings`)
            .set(bearer(coordinator))
            .send({ ratings: [{ rating: 5, respondent: 'R\u0000' }] }),
        'ratings.0.respondent',
      ],
      [
        'a field name',
        () =>
          t
            .http()
            .post('/projects')
            .set(bearer(advisor))
            .send({ ...projectBody(), 'x\u0000': 1 }),
        'x\u0000',
      ],
    ])('answers 400 to a NUL in %s, on both databases, and writes nothing', async (_label, send, field) => {
      await expectRefused(send, field);
    });

    it.each([
      ['/projects?q=a%00b', 'q'],
      ['/projects?programCode=%00', 'programCode'],
      ['/projects?stage=%00', 'stage'],
      ['/programs/a%00b/stages', 'code'],
      ['/projects/1/transitions?programCode=%00', 'programCode'],
    ])('answers 400 to GET %s, for a viewer too', async (path, field) => {
      await expectRefused(() => t.http().get(path).set(bearer(viewer)), field);
    });
  });

  describe('ids and counts outside their columns', () => {
    it('answers 400 to an assignee id beyond the range of the database', async () => {
      const body = await expectRefused(
        () => t.http().get('/follow-ups?assignee=9999999999').set(bearer(coordinator)),
        'assignee',
      );
      expect(body.message).toContain('2147483647');
      await t.http().get('/follow-ups?assignee=2147483647').set(bearer(coordinator)).expect(200);
    });

    it('answers 400 to an If-Match version beyond the range of the database', async () => {
      const response = await t
        .http()
        .post(`/projects/${projectId}/transitions`)
        .set(bearer(coordinator))
        .set('if-match', '"9999999999"')
        .send({ to: 'plan-affaires' });
      expect(response.status).toBe(400);
      expectErrorShape(response.body, 400);
    });
  });

  describe('dates and reporting years', () => {
    it.each(['0000-0001', '0999-1000', '1899-1900', '2199-2200', '9999-10000'])(
      'answers 400 naming year to the figures, the funnel, cohorts and the report of year %s',
      async (year) => {
        for (const path of [
          `/programs/parcours-coop/stats?year=${year}&fresh=true`,
          `/programs/demarrage/funnel?year=${year}&fresh=true`,
          `/cohorts?year=${year}`,
          `/programs/parcours-coop/report?year=${year}&format=json`,
        ]) {
          const response = await t.http().get(path).set(bearer(viewer));
          expect({ path, status: response.status, fields: fieldsOf(response.body) }).toEqual({
            path,
            status: 400,
            fields: ['year'],
          });
          expect(response.body.message).toMatch(/1900-01-01 to 2199-12-31/);
        }
      },
    );

    it('answers the first and the last reporting years within the bounds', async () => {
      for (const year of ['1900-1901', '2198-2199']) {
        await t.http().get(`/programs/parcours-coop/stats?year=${year}&fresh=true`).set(bearer(viewer)).expect(200);
        await t.http().get(`/cohorts?year=${year}`).set(bearer(viewer)).expect(200);
      }
    });

    it.each(['0000-01-01', '0999-12-31', '1899-12-31', '2200-01-01', '1899-12-31T23:00:00-05:00'])(
      'refuses a project enrolled on %s (400 naming enrolledAt), so no figure can be broken by it',
      async (enrolledAt) => {
        const body = await expectRefused(
          () => t.http().post('/projects').set(bearer(advisor)).send(projectBody({ enrolledAt })),
          'enrolledAt',
        );
        expect(body.message).toContain('between 1900-01-01 and 2199-12-31');
      },
    );

    it('refuses a cohort starting 0999-12-31 and a move dated before 1900, naming the field', async () => {
      await expectRefused(
        () =>
          t
            .http()
            .post('/cohorts')
            .set(bearer(coordinator))
            .send(cohortBody({ startsOn: '0999-12-31', endsOn: '2024-09-11' })),
        'startsOn',
      );
      await expectRefused(
        () =>
          t
            .http()
            .post(`/projects/${projectId}/transitions`)
            .set(bearer(coordinator))
            .send({ to: 'plan-affaires', occurredAt: '1850-01-01' }),
        'occurredAt',
      );
      await expectRefused(
        () =>
          t
            .http()
            .post(`/projects/${projectId}/follow-ups`)
            .set(bearer(coordinator))
            .send({ dueOn: '2200-01-01', note: 'T' }),
        'dueOn',
      );
    });

    it('takes the first day of the bounds', async () => {
      const project = await createProject(t, advisor, { enrolledAt: '1900-01-01' });
      expect(project.id).toEqual(expect.any(Number));
    });
  });
});
