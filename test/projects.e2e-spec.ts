import { randomBytes } from 'node:crypto';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { countRows, createCohort, createProject, projectBody } from './support/fixtures.js';

describe('projects', () => {
  let t: TestApp;
  let coordinator: string;
  let advisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
    advisor = await t.tokenFor('advisor');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  /** A word no other project of this file has in its name, to list only a test's own projects. */
  const uniqueTag = () => `Tag${randomBytes(4).toString('hex')}`;

  const counts = async () => ({
    projects: await countRows(t, 'projects'),
    enrollments: await countRows(t, 'enrollments'),
    transitions: await countRows(t, 'transitions'),
    contacts: await countRows(t, 'contacts'),
  });

  const getProject = (id: number, token = coordinator) => t.http().get(`/projects/${id}`).set(bearer(token));
  const list = (query: Record<string, string | number>, token = coordinator) =>
    t.http().get('/projects').query(query).set(bearer(token));

  describe('POST /projects', () => {
    it('creates a demarrage project enrolled at premier-contact, with its enrollment in the history', async () => {
      const before = await counts();
      const response = await t
        .http()
        .post('/projects')
        .set(bearer(coordinator))
        .send(
          projectBody({
            name: 'Coop La Fabrique',
            sector: 'ébénisterie',
            region: '06',
            entrepreneurCount: 4,
            enrolledAt: '2024-04-10',
          }),
        )
        .expect(201);
      expect(response.body).toMatchObject({
        id: expect.any(Number),
        name: 'Coop La Fabrique',
        sector: 'ébénisterie',
        kind: 'startup',
        coopType: 'worker',
        region: '06',
        entrepreneurCount: 4,
        advisorId: null,
        advisor: null,
        version: 1,
      });
      expect(response.body.enrollments).toHaveLength(1);
      expect(response.body.enrollments[0]).toMatchObject({
        projectId: response.body.id,
        programCode: 'demarrage',
        cohortId: null,
        cohort: null,
        stage: { code: 'premier-contact', position: 1, milestone: 'met' },
        status: 'active',
        statusReason: null,
        version: 1,
        enrolledAt: '2024-04-10T04:00:00.000Z',
      });
      expect(await counts()).toEqual({
        ...before,
        projects: before.projects + 1,
        enrollments: before.enrollments + 1,
        transitions: before.transitions + 1,
      });

      const history = await t
        .http()
        .get(`/projects/${response.body.id}/transitions`)
        .set(bearer(coordinator))
        .expect(200);
      expect(history.body).toHaveLength(1);
      expect(history.body[0]).toMatchObject({
        from: null,
        to: 'premier-contact',
        programCode: 'demarrage',
        occurredAt: '2024-04-10T04:00:00.000Z',
      });
    });

    it('enrols a parcours-coop project at inscription in the cohort it names', async () => {
      const cohort = await createCohort(t, coordinator, { programCode: 'parcours-coop' });
      const project = await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: cohort.id });
      expect(project.enrollments).toHaveLength(1);
      expect(project.enrollments[0]).toMatchObject({
        programCode: 'parcours-coop',
        cohortId: cohort.id,
        cohort: { id: cohort.id, number: cohort.number, label: cohort.label },
        stage: { code: 'inscription' },
        status: 'active',
      });
      const read = await getProject(project.id).expect(200);
      expect(read.body.enrollments[0].cohort).toEqual({ id: cohort.id, number: cohort.number, label: cohort.label });
    });

    it('stores the contacts with their e-mail lower-cased and French as the default language', async () => {
      const project = await createProject(t, coordinator, {
        contacts: [
          { name: 'Camille Roy', email: 'Camille.ROY@Example.ORG' },
          { name: 'Sam Lee', email: 'sam@example.org', language: 'en' },
        ],
      });
      expect(project.contacts).toEqual([
        expect.objectContaining({
          id: expect.any(Number),
          name: 'Camille Roy',
          email: 'camille.roy@example.org',
          language: 'fr',
        }),
        expect.objectContaining({ id: expect.any(Number), name: 'Sam Lee', email: 'sam@example.org', language: 'en' }),
      ]);
      const read = await getProject(project.id).expect(200);
      expect(read.body.contacts.map((c: { email: string; language: string }) => [c.email, c.language])).toEqual([
        ['camille.roy@example.org', 'fr'],
        ['sam@example.org', 'en'],
      ]);
    });

    it('makes an advisor who creates a project its advisor', async () => {
      const advisorId = await t.userIdFor('advisor');
      const project = await createProject(t, advisor);
      expect(project.advisorId).toBe(advisorId);
      expect(project.advisor).toEqual({ id: advisorId, name: 'Test advisor' });
      const read = await getProject(project.id).expect(200);
      expect(read.body.advisorId).toBe(advisorId);
    });

    it('lets a coordinator assign the new project to an advisor', async () => {
      const advisorId = await t.userIdFor('advisor');
      const project = await createProject(t, coordinator, { advisorId });
      expect(project.advisorId).toBe(advisorId);
      expect(project.advisor).toEqual({ id: advisorId, name: 'Test advisor' });
    });

    it.each([
      ['a region that is not 01 to 17', { region: '18' }, /region/],
      ['an unknown kind', { kind: 'coop' }, /kind/],
      ['an unknown co-op type', { coopType: 'other' }, /coopType/],
      ['no entrepreneurs', { entrepreneurCount: 0 }, /entrepreneurCount/],
      ['no name', { name: undefined }, /name/],
      ['an enrolledAt that is not a date', { enrolledAt: 'yesterday' }, /enrolledAt/],
    ])('refuses %s with 400 and writes nothing', async (_, overrides, message) => {
      const before = await counts();
      const response = await t
        .http()
        .post('/projects')
        .set(bearer(coordinator))
        .send(projectBody({ contacts: [{ name: 'Camille Roy', email: 'camille@example.org' }], ...overrides }))
        .expect(400);
      expectErrorShape(response.body, 400);
      expect(response.body.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['an unknown programCode', async () => ({ programCode: 'nowhere' }), /programCode nowhere is not a program/],
      ['an unknown advisorId', async () => ({ advisorId: 999999 }), /advisorId 999999/],
      [
        'a viewer as advisorId',
        async () => ({ advisorId: await t.userIdFor('viewer') }),
        /advisorId \d+ is not an active advisor/,
      ],
      [
        'a cohort of another program',
        async () => ({
          programCode: 'parcours-coop',
          cohortId: (await createCohort(t, coordinator, { programCode: 'parcours-transfertcoop' })).id,
        }),
        /belongs to parcours-transfertcoop, not to parcours-coop/,
      ],
      [
        'an enrolledAt in the future',
        async () => ({ enrolledAt: '2099-01-01' }),
        /enrolledAt 2099-01-01 is in the future/,
      ],
    ])('refuses %s with 422 and writes nothing', async (_, overrides, message) => {
      const body = projectBody({
        contacts: [{ name: 'Camille Roy', email: 'camille@example.org' }],
        ...(await overrides()),
      });
      const before = await counts();
      const response = await t.http().post('/projects').set(bearer(coordinator)).send(body).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('refuses a viewer with 403', async () => {
      const before = await counts();
      const response = await t.http().post('/projects').set(bearer(viewer)).send(projectBody()).expect(403);
      expectErrorShape(response.body, 403);
      expect(await counts()).toEqual(before);
    });
  });

  describe('GET and PATCH /projects/:id', () => {
    it('returns the project with an ETag of its version', async () => {
      const project = await createProject(t, coordinator);
      const response = await getProject(project.id).expect(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toMatchObject({ id: project.id, name: project.name, version: 1 });
    });

    it('answers 404 for a project that does not exist', async () => {
      const response = await getProject(999999).expect(404);
      expectErrorShape(response.body, 404);
    });

    it('edits the fields sent, bumps the version and sends the new ETag', async () => {
      const project = await createProject(t, coordinator, { region: '06', entrepreneurCount: 3 });
      const patched = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .send({ name: 'Nouveau nom', region: '11', entrepreneurCount: 5 })
        .expect(200);
      expect(patched.headers.etag).toBe('"2"');
      expect(patched.body).toMatchObject({
        name: 'Nouveau nom',
        region: '11',
        entrepreneurCount: 5,
        sector: project.sector,
        version: 2,
      });

      const read = await getProject(project.id).expect(200);
      expect(read.headers.etag).toBe('"2"');
      expect(read.body).toMatchObject({ name: 'Nouveau nom', region: '11', entrepreneurCount: 5, version: 2 });
    });

    it('applies a PATCH whose If-Match is current and refuses a stale one with 409 and the current version', async () => {
      const project = await createProject(t, coordinator);
      await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .set('if-match', '"1"')
        .send({ sector: 'traduction' })
        .expect(200);

      const stale = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .set('if-match', '"1"')
        .send({ sector: 'jeux vidéo' })
        .expect(409);
      expectErrorShape(stale.body, 409);
      expect(stale.body.details.currentVersion).toBe(2);

      const read = await getProject(project.id).expect(200);
      expect(read.body).toMatchObject({ sector: 'traduction', version: 2 });
    });

    it('validates a PATCH body like a creation (400)', async () => {
      const project = await createProject(t, coordinator);
      const response = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .send({ region: '18' })
        .expect(400);
      expectErrorShape(response.body, 400);
      expect((await getProject(project.id).expect(200)).body).toMatchObject({ region: project.region, version: 1 });
    });

    it('lets an advisor edit their project but not reassign it (403)', async () => {
      const advisorId = await t.userIdFor('advisor');
      const otherId = await t.userIdFor('advisor', 'advisor-b');
      const project = await createProject(t, advisor);

      await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(advisor))
        .send({ sector: 'physiothérapie' })
        .expect(200);
      const refused = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(advisor))
        .send({ advisorId: otherId })
        .expect(403);
      expectErrorShape(refused.body, 403);

      const read = await getProject(project.id).expect(200);
      expect(read.body).toMatchObject({ sector: 'physiothérapie', advisorId, version: 2 });
    });

    it("refuses an advisor editing another advisor's project (403)", async () => {
      const other = await t.tokenFor('advisor', 'advisor-b');
      const project = await createProject(t, other);
      const refused = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(advisor))
        .send({ name: 'Pris' })
        .expect(403);
      expectErrorShape(refused.body, 403);
      expect((await getProject(project.id).expect(200)).body).toMatchObject({ name: project.name, version: 1 });
    });

    it('lets a coordinator reassign a project, and unassign it with advisorId null', async () => {
      const otherId = await t.userIdFor('advisor', 'advisor-b');
      const project = await createProject(t, advisor);

      const reassigned = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .send({ advisorId: otherId })
        .expect(200);
      expect(reassigned.body).toMatchObject({
        advisorId: otherId,
        advisor: { id: otherId, name: 'Test advisor-b' },
        version: 2,
      });

      const unassigned = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .send({ advisorId: null })
        .expect(200);
      expect(unassigned.body).toMatchObject({ advisorId: null, advisor: null, version: 3 });
      expect((await getProject(project.id).expect(200)).body).toMatchObject({ advisorId: null, advisor: null });
    });

    it('refuses to assign a project to a viewer (422)', async () => {
      const viewerId = await t.userIdFor('viewer');
      const project = await createProject(t, coordinator);
      const response = await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .send({ advisorId: viewerId })
        .expect(422);
      expectErrorShape(response.body, 422);
      expect((await getProject(project.id).expect(200)).body).toMatchObject({ advisorId: null, version: 1 });
    });
  });

  describe('GET /projects', () => {
    const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name);

    it('filters by programCode and stage within one enrollment', async () => {
      const tag = uniqueTag();
      const both = await createProject(t, coordinator, { name: `${tag} both` });
      await t
        .http()
        .post(`/projects/${both.id}/enrollments`)
        .set(bearer(coordinator))
        .send({ programCode: 'transfertcoop' })
        .expect(201);
      const explored = await createProject(t, coordinator, { name: `${tag} explored`, programCode: 'transfertcoop' });

      const mixed = await list({ q: tag, programCode: 'demarrage', stage: 'exploration' }).expect(200);
      expect(mixed.body).toMatchObject({ items: [], total: 0 });

      const inTransfer = await list({ q: tag, programCode: 'transfertcoop', stage: 'exploration' }).expect(200);
      expect(names(inTransfer.body)).toEqual([`${tag} both`, `${tag} explored`]);
      expect(inTransfer.body.total).toBe(2);

      const inDemarrage = await list({ q: tag, programCode: 'demarrage' }).expect(200);
      expect(names(inDemarrage.body)).toEqual([`${tag} both`]);

      const atStage = await list({ q: tag, stage: 'exploration' }).expect(200);
      expect(atStage.body.items.map((p: { id: number }) => p.id)).toEqual([both.id, explored.id]);
    });

    it('filters by cohortId', async () => {
      const tag = uniqueTag();
      const cohort = await createCohort(t, coordinator);
      const other = await createCohort(t, coordinator);
      await createProject(t, coordinator, { name: `${tag} in`, programCode: 'parcours-coop', cohortId: cohort.id });
      await createProject(t, coordinator, { name: `${tag} other`, programCode: 'parcours-coop', cohortId: other.id });
      await createProject(t, coordinator, { name: `${tag} none`, programCode: 'parcours-coop' });

      const response = await list({ q: tag, cohortId: cohort.id }).expect(200);
      expect(names(response.body)).toEqual([`${tag} in`]);
      expect(response.body.total).toBe(1);
      expect(response.body.items[0].enrollments[0].cohort).toEqual({
        id: cohort.id,
        number: cohort.number,
        label: cohort.label,
      });
    });

    it('filters by status', async () => {
      const tag = uniqueTag();
      const left = await createProject(t, coordinator, { name: `${tag} left` });
      await createProject(t, coordinator, { name: `${tag} stays` });
      await t
        .http()
        .post(`/projects/${left.id}/transitions`)
        .set(bearer(coordinator))
        .send({ to: 'abandoned', reason: 'Équipe dissoute' })
        .expect(201);

      expect(names((await list({ q: tag, status: 'abandoned' }).expect(200)).body)).toEqual([`${tag} left`]);
      expect(names((await list({ q: tag, status: 'active' }).expect(200)).body)).toEqual([`${tag} stays`]);
    });

    it('filters by advisorId, region and kind', async () => {
      const tag = uniqueTag();
      const advisorId = await t.userIdFor('advisor');
      await createProject(t, advisor, { name: `${tag} a`, region: '01', kind: 'startup' });
      await createProject(t, coordinator, { name: `${tag} b`, region: '01', kind: 'transfer' });
      await createProject(t, coordinator, { name: `${tag} c`, region: '17', kind: 'transfer' });

      expect(names((await list({ q: tag, advisorId }).expect(200)).body)).toEqual([`${tag} a`]);
      expect(names((await list({ q: tag, region: '01' }).expect(200)).body)).toEqual([`${tag} a`, `${tag} b`]);
      expect(names((await list({ q: tag, kind: 'transfer' }).expect(200)).body)).toEqual([`${tag} b`, `${tag} c`]);
      expect(names((await list({ q: tag, region: '17', kind: 'startup' }).expect(200)).body)).toEqual([]);
    });

    it('finds a part of the name in any case', async () => {
      const tag = uniqueTag();
      await createProject(t, coordinator, { name: `Coop ${tag} Mattawin` });
      await createProject(t, coordinator, { name: `${tag} Lurlubelrue` });

      const response = await list({ q: `${tag.toLowerCase()} MATTAWIN` }).expect(200);
      expect(names(response.body)).toEqual([`Coop ${tag} Mattawin`]);
      expect(names((await list({ q: tag.toUpperCase() }).expect(200)).body)).toEqual([
        `Coop ${tag} Mattawin`,
        `${tag} Lurlubelrue`,
      ]);
    });

    it('finds a name whose accented capitals are typed in lower case, and the reverse', async () => {
      const tag = uniqueTag();
      await createProject(t, coordinator, { name: `École ${tag} Érable` });
      await createProject(t, coordinator, { name: `${tag} ateliers` });

      expect(names((await list({ q: `école ${tag.toLowerCase()} érable` }).expect(200)).body)).toEqual([
        `École ${tag} Érable`,
      ]);
      expect(names((await list({ q: `ÉCOLE ${tag.toUpperCase()}` }).expect(200)).body)).toEqual([
        `École ${tag} Érable`,
      ]);
    });

    it("reads '%' and '_' in q literally", async () => {
      const tag = uniqueTag();
      await createProject(t, coordinator, { name: `${tag} 100% local` });
      await createProject(t, coordinator, { name: `${tag} 1000 local` });
      await createProject(t, coordinator, { name: `${tag} a_b` });
      await createProject(t, coordinator, { name: `${tag} axb` });

      expect(names((await list({ q: `${tag} 100%` }).expect(200)).body)).toEqual([`${tag} 100% local`]);
      expect(names((await list({ q: `${tag} a_b` }).expect(200)).body)).toEqual([`${tag} a_b`]);
      expect(names((await list({ q: `${tag} %` }).expect(200)).body)).toEqual([]);
    });

    it('sorts by name, by -name and by createdAt', async () => {
      const tag = uniqueTag();
      for (const suffix of ['bravo', 'charlie', 'alpha'])
        await createProject(t, coordinator, { name: `${tag} ${suffix}` });

      expect(names((await list({ q: tag }).expect(200)).body)).toEqual([
        `${tag} alpha`,
        `${tag} bravo`,
        `${tag} charlie`,
      ]);
      expect(names((await list({ q: tag, sort: 'name' }).expect(200)).body)).toEqual([
        `${tag} alpha`,
        `${tag} bravo`,
        `${tag} charlie`,
      ]);
      expect(names((await list({ q: tag, sort: '-name' }).expect(200)).body)).toEqual([
        `${tag} charlie`,
        `${tag} bravo`,
        `${tag} alpha`,
      ]);
      expect(names((await list({ q: tag, sort: 'createdAt' }).expect(200)).body)).toEqual([
        `${tag} bravo`,
        `${tag} charlie`,
        `${tag} alpha`,
      ]);
    });

    it('pages with the total of all matches', async () => {
      const tag = uniqueTag();
      for (const suffix of ['a', 'b', 'c']) await createProject(t, coordinator, { name: `${tag} ${suffix}` });

      const first = await list({ q: tag, pageSize: 2 }).expect(200);
      expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(names(first.body)).toEqual([`${tag} a`, `${tag} b`]);

      const second = await list({ q: tag, pageSize: 2, page: 2 }).expect(200);
      expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(names(second.body)).toEqual([`${tag} c`]);

      const beyond = await list({ q: tag, pageSize: 2, page: 3 }).expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 3 });
    });

    it('lists projects with their enrollments but without contacts', async () => {
      const tag = uniqueTag();
      await createProject(t, coordinator, {
        name: `${tag} with contacts`,
        contacts: [{ name: 'Camille Roy', email: 'camille@example.org' }],
      });
      const response = await list({ q: tag }).expect(200);
      expect(response.body.items).toHaveLength(1);
      const [item] = response.body.items;
      expect(item).not.toHaveProperty('contacts');
      expect(JSON.stringify(item)).not.toContain('camille@example.org');
      expect(item.enrollments).toEqual([
        expect.objectContaining({
          programCode: 'demarrage',
          stage: expect.objectContaining({ code: 'premier-contact' }),
        }),
      ]);
    });

    it.each([
      ['pageSize=0', { pageSize: 0 }],
      ['pageSize=501', { pageSize: 501 }],
      ['sort=bogus', { sort: 'bogus' }],
      ['status=bogus', { status: 'bogus' }],
      ['an unknown query parameter', { color: 'blue' }],
    ])('refuses %s with 400', async (_, query) => {
      const response = await list(query).expect(400);
      expectErrorShape(response.body, 400);
    });
  });

  describe('enrollments', () => {
    it('enrols a project in a second program and shows both enrollments', async () => {
      const project = await createProject(t, coordinator);
      const before = await counts();
      const response = await t
        .http()
        .post(`/projects/${project.id}/enrollments`)
        .set(bearer(coordinator))
        .send({ programCode: 'transfertcoop', enrolledAt: '2024-05-01' })
        .expect(201);
      expect(response.body.id).toBe(project.id);
      expect(response.body.enrollments).toEqual([
        expect.objectContaining({
          programCode: 'demarrage',
          stage: expect.objectContaining({ code: 'premier-contact' }),
          status: 'active',
        }),
        expect.objectContaining({
          programCode: 'transfertcoop',
          stage: expect.objectContaining({ code: 'exploration' }),
          status: 'active',
          version: 1,
          enrolledAt: '2024-05-01T04:00:00.000Z',
        }),
      ]);
      expect(await counts()).toEqual({
        ...before,
        enrollments: before.enrollments + 1,
        transitions: before.transitions + 1,
      });
      expect(
        (await getProject(project.id).expect(200)).body.enrollments.map((e: { programCode: string }) => e.programCode),
      ).toEqual(['demarrage', 'transfertcoop']);
    });

    it('refuses to enrol a project twice in one program (409) and writes nothing', async () => {
      const project = await createProject(t, coordinator);
      const before = await counts();
      const response = await t
        .http()
        .post(`/projects/${project.id}/enrollments`)
        .set(bearer(coordinator))
        .send({ programCode: 'demarrage' })
        .expect(409);
      expectErrorShape(response.body, 409);
      expect(await counts()).toEqual(before);
    });

    it('moves an enrollment to another cohort of its program, or out of any', async () => {
      const first = await createCohort(t, coordinator);
      const second = await createCohort(t, coordinator);
      const project = await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: first.id });

      const changed = await t
        .http()
        .patch(`/projects/${project.id}/enrollments/parcours-coop`)
        .set(bearer(coordinator))
        .send({ cohortId: second.id })
        .expect(200);
      expect(changed.body).toMatchObject({
        programCode: 'parcours-coop',
        cohortId: second.id,
        cohort: { id: second.id, number: second.number, label: second.label },
      });
      const read = await getProject(project.id).expect(200);
      expect(read.body.enrollments[0]).toMatchObject({
        cohortId: second.id,
        cohort: { id: second.id, number: second.number, label: second.label },
        stage: { code: 'inscription' },
      });

      const out = await t
        .http()
        .patch(`/projects/${project.id}/enrollments/parcours-coop`)
        .set(bearer(coordinator))
        .send({ cohortId: null })
        .expect(200);
      expect(out.body).toMatchObject({ cohortId: null, cohort: null });
    });

    it('refuses a cohort of another program when changing cohort (422)', async () => {
      const mine = await createCohort(t, coordinator);
      const foreign = await createCohort(t, coordinator, { programCode: 'parcours-transfertcoop' });
      const project = await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: mine.id });
      const response = await t
        .http()
        .patch(`/projects/${project.id}/enrollments/parcours-coop`)
        .set(bearer(coordinator))
        .send({ cohortId: foreign.id })
        .expect(422);
      expectErrorShape(response.body, 422);
      expect((await getProject(project.id).expect(200)).body.enrollments[0].cohortId).toBe(mine.id);
    });
  });

  describe('contacts', () => {
    it('adds a contact, then erases it (204) so that it is gone', async () => {
      const project = await createProject(t, coordinator);
      const added = await t
        .http()
        .post(`/projects/${project.id}/contacts`)
        .set(bearer(coordinator))
        .send({ name: 'Dominique Roy', email: 'Dominique@Example.org' })
        .expect(201);
      expect(added.body).toMatchObject({
        id: expect.any(Number),
        name: 'Dominique Roy',
        email: 'dominique@example.org',
        language: 'fr',
      });
      expect((await getProject(project.id).expect(200)).body.contacts).toEqual([
        expect.objectContaining({ id: added.body.id, email: 'dominique@example.org' }),
      ]);

      const before = await countRows(t, 'contacts');
      const deleted = await t
        .http()
        .delete(`/projects/${project.id}/contacts/${added.body.id}`)
        .set(bearer(coordinator))
        .expect(204);
      expect(deleted.text).toBe('');
      expect(await countRows(t, 'contacts')).toBe(before - 1);
      expect((await getProject(project.id).expect(200)).body.contacts).toEqual([]);

      const again = await t
        .http()
        .delete(`/projects/${project.id}/contacts/${added.body.id}`)
        .set(bearer(coordinator))
        .expect(404);
      expectErrorShape(again.body, 404);
    });

    it('answers 404 for a contact of another project and keeps it', async () => {
      const owner = await createProject(t, coordinator, {
        contacts: [{ name: 'Alex Côté', email: 'alex@example.org' }],
      });
      const other = await createProject(t, coordinator);
      const contactId = owner.contacts[0].id;

      const response = await t
        .http()
        .delete(`/projects/${other.id}/contacts/${contactId}`)
        .set(bearer(coordinator))
        .expect(404);
      expectErrorShape(response.body, 404);
      expect((await getProject(owner.id).expect(200)).body.contacts).toEqual([
        expect.objectContaining({ id: contactId, email: 'alex@example.org' }),
      ]);
    });

    it('refuses an invalid e-mail with 400', async () => {
      const project = await createProject(t, coordinator);
      const before = await countRows(t, 'contacts');
      const response = await t
        .http()
        .post(`/projects/${project.id}/contacts`)
        .set(bearer(coordinator))
        .send({ name: 'X', email: 'not-an-email' })
        .expect(400);
      expectErrorShape(response.body, 400);
      expect(await countRows(t, 'contacts')).toBe(before);
    });
  });
});
