import type { Role } from '../src/users/user.entity.js';
import { createProject } from './support/fixtures.js';
import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

let counter = 0;
/** A valid co-op body; override what a test is about. */
function organizationBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return { name: `Coop test ${counter}`, coopType: 'worker', region: '06', sector: 'boulangerie', ...overrides };
}

const countOrganizations = async (t: TestApp) =>
  Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM organizations'))[0].n);

describe('organizations (co-ops)', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const post = (body: object, token = coordinator) => t.http().post('/organizations').set(bearer(token)).send(body);
  const patch = (id: number, body: object, token = coordinator) =>
    t.http().patch(`/organizations/${id}`).set(bearer(token)).send(body);
  const list = (query: Record<string, string | number>, token = coordinator) =>
    t.http().get('/organizations').query(query).set(bearer(token));
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await post(organizationBody(overrides)).expect(201)).body;

  it('records a co-op and answers 201 with it; every role reads it', async () => {
    const response = await post({
      name: '  Coopérative de travail Le Rucher ',
      coopType: 'solidarity',
      region: '03',
      sector: 'apiculture',
      enterpriseNumber: '1170000001',
      memberSince: '2019-05-14',
    }).expect(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      name: 'Coopérative de travail Le Rucher',
      coopType: 'solidarity',
      region: '03',
      sector: 'apiculture',
      enterpriseNumber: '1170000001',
      memberSince: '2019-05-14',
      memberUntil: null,
      projectId: null,
      demo: false,
      hours: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [row] = await t.dataSource.query(`SELECT search_name FROM organizations WHERE id = ${response.body.id}`);
    expect(row.search_name).toBe('cooperative de travail le rucher');
    for (const role of ['admin', 'coordinator', 'advisor', 'viewer'] as Role[]) {
      const read = await t
        .http()
        .get(`/organizations/${response.body.id}`)
        .set(bearer(await t.tokenFor(role)))
        .expect(200);
      expect(read.body).toEqual(response.body);
    }
  });

  it('answers 404 for a co-op that does not exist', async () => {
    for (const send of [
      () => t.http().get('/organizations/999999').set(bearer(coordinator)),
      () => patch(999999, { sector: 'x' }),
      () => t.http().delete('/organizations/999999').set(bearer(admin)),
    ]) {
      const response = await send().expect(404);
      expectErrorShape(response.body, 404);
    }
  });

  it('lets only admins and coordinators write, and only admins delete: 403 and nothing changed for the others', async () => {
    const organization = await create();
    for (const role of ['advisor', 'viewer'] as Role[]) {
      const token = await t.tokenFor(role);
      const before = await countOrganizations(t);
      expectErrorShape((await post(organizationBody(), token).expect(403)).body, 403);
      expectErrorShape((await patch(organization.id, { sector: 'changé' }, token).expect(403)).body, 403);
      expect(await countOrganizations(t)).toBe(before);
    }
    for (const role of ['advisor', 'viewer', 'coordinator'] as Role[]) {
      const response = await t
        .http()
        .delete(`/organizations/${organization.id}`)
        .set(bearer(await t.tokenFor(role)))
        .expect(403);
      expectErrorShape(response.body, 403);
    }
    const unchanged = await t.http().get(`/organizations/${organization.id}`).set(bearer(coordinator)).expect(200);
    expect(unchanged.body).toEqual(organization);
    await post(organizationBody(), admin).expect(201);
    await t.http().delete(`/organizations/${organization.id}`).set(bearer(admin)).expect(204);
    await t.http().get(`/organizations/${organization.id}`).set(bearer(coordinator)).expect(404);
  });

  it.each([
    ['no name', { name: undefined }, ['name']],
    ['a blank name', { name: '   ' }, ['name']],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, ['name']],
    ['an unknown co-op type', { coopType: 'cooperative' }, ['coopType']],
    ['region 18', { region: '18' }, ['region']],
    ['a region as a number', { region: 6 }, ['region']],
    ['no sector', { sector: undefined }, ['sector']],
    ['a nine-digit enterprise number', { enterpriseNumber: '117000000' }, ['enterpriseNumber']],
    ['an eleven-digit enterprise number', { enterpriseNumber: '11700000011' }, ['enterpriseNumber']],
    ['an enterprise number with letters', { enterpriseNumber: '117000000A' }, ['enterpriseNumber']],
    ['an enterprise number as a number', { enterpriseNumber: 1170000001 }, ['enterpriseNumber']],
    ['a date that does not exist', { memberSince: '2023-02-30' }, ['memberSince']],
    ['a date written otherwise', { memberSince: '2023/01/05' }, ['memberSince']],
    ['a date out of bounds', { memberSince: '1899-12-31' }, ['memberSince']],
    ['memberUntil without memberSince', { memberUntil: '2023-01-05' }, ['memberUntil']],
    ['memberUntil before memberSince', { memberSince: '2023-01-05', memberUntil: '2023-01-04' }, ['memberUntil']],
    ['an unknown field', { workers: 4 }, ['workers']],
  ])('refuses to create with %s: 400 naming the field, nothing written', async (_label, overrides, fields) => {
    const before = await countOrganizations(t);
    const response = await post(organizationBody(overrides)).expect(400);
    expectErrorShape(response.body, 400);
    expect(fieldsOf(response.body)).toEqual(fields);
    expect(await countOrganizations(t)).toBe(before);
  });

  it('takes memberUntil equal to memberSince: a member for one day', async () => {
    const response = await post(organizationBody({ memberSince: '2023-01-05', memberUntil: '2023-01-05' })).expect(201);
    expect(response.body).toMatchObject({ memberSince: '2023-01-05', memberUntil: '2023-01-05' });
  });

  it('refuses a second co-op with the same enterprise number with 409, on create and on change', async () => {
    await create({ enterpriseNumber: '2260000002' });
    const before = await countOrganizations(t);
    const response = await post(organizationBody({ enterpriseNumber: '2260000002' })).expect(409);
    expectErrorShape(response.body, 409);
    expect(response.body.message).toContain('2260000002');
    expect(await countOrganizations(t)).toBe(before);
    const other = await create({ enterpriseNumber: '2260000003' });
    expectErrorShape((await patch(other.id, { enterpriseNumber: '2260000002' }).expect(409)).body, 409);
    const unchanged = await t.http().get(`/organizations/${other.id}`).set(bearer(coordinator)).expect(200);
    expect(unchanged.body.enterpriseNumber).toBe('2260000003');
    // Co-ops without a number are many.
    await create({ enterpriseNumber: null });
    await create();
  });

  it('changes only the fields sent, keeps the search name in step, and clears with null', async () => {
    const organization = await create({ enterpriseNumber: '3380000003', memberSince: '2020-01-01' });
    const changed = await patch(organization.id, { name: 'Écomatériaux Dorval', memberUntil: '2024-03-31' }).expect(
      200,
    );
    expect(changed.body).toEqual({
      ...organization,
      name: 'Écomatériaux Dorval',
      memberUntil: '2024-03-31',
      updatedAt: expect.any(String),
    });
    const found = await list({ q: 'ECOMATERIAUX' }).expect(200);
    expect(found.body.items.map((o: { id: number }) => o.id)).toEqual([organization.id]);
    const cleared = await patch(organization.id, { enterpriseNumber: null, memberUntil: null }).expect(200);
    expect(cleared.body).toMatchObject({ enterpriseNumber: null, memberUntil: null, memberSince: '2020-01-01' });
  });

  it.each([
    ['memberUntil before the memberSince it has', { memberUntil: '2019-12-31' }, ['memberUntil']],
    ['memberSince after the memberUntil it has', { memberSince: '2024-04-01' }, ['memberSince']],
    ['memberSince cleared while memberUntil stays', { memberSince: null }, ['memberSince']],
    ['a null name', { name: null }, ['name']],
    ['a null region', { region: null }, ['region']],
    ['a bad enterprise number', { enterpriseNumber: '12' }, ['enterpriseNumber']],
  ])('refuses to change with %s: 400 naming the field, nothing changed', async (_label, body, fields) => {
    const organization = await create({ memberSince: '2020-01-01', memberUntil: '2024-03-31' });
    const response = await patch(organization.id, body).expect(400);
    expectErrorShape(response.body, 400);
    expect(fieldsOf(response.body)).toEqual(fields);
    const unchanged = await t.http().get(`/organizations/${organization.id}`).set(bearer(coordinator)).expect(200);
    expect(unchanged.body).toEqual(organization);
  });

  it('refuses to delete a co-op other records refer to with 409, and deletes nothing', async () => {
    // Time entries and jobs will refer to co-ops; a table of the test stands in for them.
    await t.dataSource.query(
      'CREATE TABLE organization_refs (id integer PRIMARY KEY, organization_id integer REFERENCES organizations (id))',
    );
    const organization = await create();
    await t.dataSource.query(`INSERT INTO organization_refs (id, organization_id) VALUES (1, ${organization.id})`);
    const response = await t.http().delete(`/organizations/${organization.id}`).set(bearer(admin)).expect(409);
    expectErrorShape(response.body, 409);
    expect(response.body.message).toContain('referred to by other records');
    await t.http().get(`/organizations/${organization.id}`).set(bearer(coordinator)).expect(200);
    await t.dataSource.query('DELETE FROM organization_refs');
    await t.http().delete(`/organizations/${organization.id}`).set(bearer(admin)).expect(204);
  });

  describe('the list', () => {
    // A sector of their own, so that the other tests' co-ops stay out of these counts.
    const sector = 'sector-of-the-list';
    const ids: Record<string, number> = {};
    const idsOf = (body: { items: { id: number }[] }) => body.items.map((o) => o.id);

    beforeAll(async () => {
      const rows: [string, Record<string, unknown>][] = [
        ['zeta', { name: 'Zêta list', region: '06', coopType: 'worker', memberSince: '2020-01-01' }],
        ['alpha', { name: 'Alpha list', region: '03', coopType: 'producer', memberSince: '2023-05-01' }],
        [
          'left',
          { name: 'Bêta list', region: '06', coopType: 'worker', memberSince: '2018-01-01', memberUntil: '2023-06-30' },
        ],
        ['never', { name: 'Gamma list', region: '06', coopType: 'solidarity' }],
        ['twin1', { name: 'Delta list', region: '09', coopType: 'worker', memberSince: '2023-06-30' }],
        ['twin2', { name: 'Delta list', region: '09', coopType: 'worker', memberSince: '2023-07-01' }],
      ];
      for (const [key, overrides] of rows) ids[key] = (await create({ ...overrides, sector })).id;
    });

    it('orders by name then id, and filters by folded name, region and co-op type; every role reads it', async () => {
      const all = await list({ q: 'LIST' }, await t.tokenFor('viewer')).expect(200);
      expect(idsOf(all.body)).toEqual([ids.alpha, ids.left, ids.twin1, ids.twin2, ids.never, ids.zeta]);
      expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 50 });
      expect(idsOf((await list({ q: 'zeta' }).expect(200)).body)).toEqual([ids.zeta]);
      expect(idsOf((await list({ q: 'list', region: '06' }).expect(200)).body)).toEqual([
        ids.left,
        ids.never,
        ids.zeta,
      ]);
      expect(idsOf((await list({ q: 'list', coopType: 'worker', region: '09' }).expect(200)).body)).toEqual([
        ids.twin1,
        ids.twin2,
      ]);
      // LIKE's wildcards are searched as text.
      expect((await list({ q: 'list%' }).expect(200)).body.total).toBe(0);
    });

    it('filters the members on a day: from memberSince, through memberUntil (its last day)', async () => {
      const on = async (memberOn: string) => idsOf((await list({ q: 'list', memberOn }).expect(200)).body);
      expect(await on('2023-06-30')).toEqual([ids.alpha, ids.left, ids.twin1, ids.zeta]);
      expect(await on('2023-07-01')).toEqual([ids.alpha, ids.twin1, ids.twin2, ids.zeta]);
      expect(await on('2019-01-01')).toEqual([ids.left]);
    });

    it('pages, with the total of every page', async () => {
      const first = await list({ q: 'list', pageSize: 4 }).expect(200);
      expect(first.body).toMatchObject({ total: 6, page: 1, pageSize: 4 });
      expect(idsOf(first.body)).toEqual([ids.alpha, ids.left, ids.twin1, ids.twin2]);
      const second = await list({ q: 'list', pageSize: 4, page: 2 }).expect(200);
      expect(second.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
      expect(idsOf(second.body)).toEqual([ids.never, ids.zeta]);
    });

    it.each([
      ['memberOn', { memberOn: '2023-13-01' }],
      ['region', { region: '00' }],
      ['coopType', { coopType: 'other' }],
      ['page', { page: 0 }],
      ['pageSize', { pageSize: 501 }],
    ])('refuses a bad %s with 400 naming it', async (field, query) => {
      const response = await list(query).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('a project that became a co-op', () => {
    const createFrom = (projectId: number, body: object = {}, token = coordinator) =>
      t.http().post(`/projects/${projectId}/organization`).set(bearer(token)).send(body);
    const move = (projectId: number, to: string, token = coordinator, extra: object = {}) =>
      t
        .http()
        .post(`/projects/${projectId}/transitions`)
        .set(bearer(token))
        .send({ to, ...extra })
        .expect(201);

    it('is refused with 422 before the incorporated milestone, created after it, and 409 the second time', async () => {
      const project = await createProject(t, coordinator, { coopType: 'producer', region: '11', sector: 'fromagerie' });
      await move(project.id, 'montage-financier');
      const before = await countOrganizations(t);
      const early = await createFrom(project.id).expect(422);
      expectErrorShape(early.body, 422);
      expect(early.body.message).toContain('incorporated');
      expect(await countOrganizations(t)).toBe(before);
      expectErrorShape(
        (await t.http().get(`/projects/${project.id}/organization`).set(bearer(coordinator)).expect(404)).body,
        404,
      );

      await move(project.id, 'constitution');
      const created = await createFrom(project.id, {
        enterpriseNumber: '4490000004',
        memberSince: '2024-05-01',
      }).expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        name: project.name,
        coopType: 'producer',
        region: '11',
        sector: 'fromagerie',
        enterpriseNumber: '4490000004',
        memberSince: '2024-05-01',
        memberUntil: null,
        projectId: project.id,
        demo: false,
        hours: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await t
        .http()
        .get(`/projects/${project.id}/organization`)
        .set(bearer(await t.tokenFor('viewer')));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const again = await createFrom(project.id, { name: 'Autre nom' }).expect(409);
      expectErrorShape(again.body, 409);
      expect(await countOrganizations(t)).toBe(before + 1);
    });

    it('counts a project that reached incorporation and went further, abandoned or moved back after it', async () => {
      const operating = await createProject(t, coordinator);
      await move(operating.id, 'en-activite');
      await createFrom(operating.id, { name: '  Nom légal de la coop ' }).expect(201);
      expect((await t.http().get(`/projects/${operating.id}/organization`).set(bearer(coordinator))).body.name).toBe(
        'Nom légal de la coop',
      );
      const abandoned = await createProject(t, coordinator);
      await move(abandoned.id, 'constitution');
      await move(abandoned.id, 'abandoned', coordinator, { reason: 'Les membres se séparent' });
      await createFrom(abandoned.id).expect(201);
      const movedBack = await createProject(t, coordinator);
      await move(movedBack.id, 'constitution');
      await move(movedBack.id, 'montage-financier', coordinator, { note: 'Financement à reprendre' });
      await createFrom(movedBack.id).expect(201);
    });

    it("lets the project's own advisor record it, not another advisor nor a viewer", async () => {
      const advisor = await t.tokenFor('advisor', 'own-advisor');
      const project = await createProject(t, advisor);
      await move(project.id, 'constitution', advisor);
      const before = await countOrganizations(t);
      expectErrorShape((await createFrom(project.id, {}, await t.tokenFor('advisor', 'other')).expect(403)).body, 403);
      expectErrorShape((await createFrom(project.id, {}, await t.tokenFor('viewer')).expect(403)).body, 403);
      expect(await countOrganizations(t)).toBe(before);
      await createFrom(project.id, {}, advisor).expect(201);
    });

    it('refuses bad input with 400 naming the field, and an unknown project with 404', async () => {
      const project = await createProject(t, coordinator);
      await move(project.id, 'constitution');
      const before = await countOrganizations(t);
      for (const [body, field] of [
        [{ enterpriseNumber: '12345' }, 'enterpriseNumber'],
        [{ memberUntil: '2024-01-01' }, 'memberUntil'],
        [{ memberSince: '2024-01-02', memberUntil: '2024-01-01' }, 'memberUntil'],
        [{ name: '' }, 'name'],
        [{ region: '06' }, 'region'],
      ] as const) {
        const response = await createFrom(project.id, body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      }
      expect(await countOrganizations(t)).toBe(before);
      expectErrorShape((await createFrom(999999).expect(404)).body, 404);
      expectErrorShape(
        (await t.http().get('/projects/999999/organization').set(bearer(coordinator)).expect(404)).body,
        404,
      );
    });
  });
});

describe('organization stats', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const stats = (year: string) => t.http().get('/organizations/stats').query({ year }).set(bearer(coordinator));

  it("counts a reporting year's members at its end, joins, departures and new regions", async () => {
    // 2023-2024 runs from 2023-04-01 to 2024-03-31; the previous year ended 2023-03-31.
    const coops: [string, string | null, string | null][] = [
      ['06', '2020-01-01', null], // member all along
      ['06', '2023-06-01', null], // joined
      ['09', '2023-05-01', null], // joined, in a region with no member before
      ['03', '2019-01-01', '2024-03-31'], // left on the year's last day: still a member at its end
      ['03', '2018-01-01', '2023-10-15'], // left during the year
      ['11', '2021-01-01', '2023-03-31'], // left on the previous year's last day
      ['12', '2024-04-01', null], // joins the next year
      ['04', '2022-01-01', '2022-12-31'], // left before the previous year ended...
      ['04', '2023-09-01', null], // ...so region 04 is new with this one
      ['05', null, null], // never a member
      ['08', '2023-03-31', null], // joined on the previous year's last day
      ['08', '2023-04-01', null], // joined on the year's first day
      ['10', '2023-05-01', '2023-06-30'], // joined and left within the year
    ];
    for (const [region, memberSince, memberUntil] of coops) {
      await t
        .http()
        .post('/organizations')
        .set(bearer(coordinator))
        .send(organizationBody({ region, memberSince, memberUntil }))
        .expect(201);
    }
    const response = await stats('2023-2024').expect(200);
    expect(response.body).toEqual({
      year: '2023-2024',
      from: '2023-04-01',
      to: '2024-03-31',
      membersAtYearEnd: 7,
      newMembers: 5,
      departedMembers: 2,
      byRegion: [
        { region: '03', members: 1, newThisYear: false },
        { region: '04', members: 1, newThisYear: true },
        { region: '06', members: 2, newThisYear: false },
        { region: '08', members: 2, newThisYear: false },
        { region: '09', members: 1, newThisYear: true },
      ],
      newRegions: ['04', '09'],
    });
    // The year before, seen from its own end: region 11's co-op was still a member on its last day.
    const before = await stats('2022-2023').expect(200);
    expect(before.body).toMatchObject({
      membersAtYearEnd: 5,
      newMembers: 1,
      departedMembers: 1,
      newRegions: ['08'],
    });
    const viewer = await t
      .http()
      .get('/organizations/stats?year=2023-2024')
      .set(bearer(await t.tokenFor('viewer')));
    expect(viewer.body).toEqual(response.body);
  });

  it.each(['', '2023', '2023-2025', '1899-1900', 'soon'])('refuses year=%j with 400 naming year', async (year) => {
    const response = await stats(year).expect(400);
    expectErrorShape(response.body, 400);
    expect(fieldsOf(response.body)).toEqual(['year']);
  });

  it('refuses a missing year with 400 naming year', async () => {
    const response = await t.http().get('/organizations/stats').set(bearer(coordinator)).expect(400);
    expect(fieldsOf(response.body)).toEqual(['year']);
  });
});
