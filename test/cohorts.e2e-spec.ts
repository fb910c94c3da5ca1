import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { cohortBody, countRows, createCohort, createProject, projectBody } from './support/fixtures.js';

interface CohortBody {
  id: number;
  programCode: string;
  number: number;
  label: string;
  startsOn: string;
  endsOn: string;
  deliveryMode: string;
  capacity: number | null;
  year: string;
  enrolledCount: number;
}

describe('cohorts', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  let advisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    advisor = await t.tokenFor('advisor');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const postCohort = (body: object, token = coordinator) => t.http().post('/cohorts').set(bearer(token)).send(body);
  const patchCohort = (id: number | string, body: object, token = coordinator) =>
    t.http().patch(`/cohorts/${id}`).set(bearer(token)).send(body);
  const getCohort = async (id: number, token = viewer): Promise<CohortBody> =>
    (await t.http().get(`/cohorts/${id}`).set(bearer(token)).expect(200)).body;
  const listCohorts = async (query: Record<string, string>, token = viewer): Promise<CohortBody[]> =>
    (await t.http().get('/cohorts').query(query).set(bearer(token)).expect(200)).body;
  const postProject = (overrides: Record<string, unknown>) =>
    t.http().post('/projects').set(bearer(coordinator)).send(projectBody(overrides));

  describe('creating', () => {
    it('creates a cohort with 201, its reporting year and no one enrolled yet', async () => {
      const body = cohortBody({
        number: 21,
        label: 'Printemps 2024',
        startsOn: '2024-04-10',
        endsOn: '2024-09-11',
        deliveryMode: 'remote',
        capacity: 12,
      });
      const rowsBefore = await countRows(t, 'cohorts');

      const response = await postCohort(body).expect(201);

      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          programCode: 'parcours-coop',
          number: 21,
          label: 'Printemps 2024',
          startsOn: '2024-04-10',
          endsOn: '2024-09-11',
          deliveryMode: 'remote',
          capacity: 12,
          year: '2024-2025',
          enrolledCount: 0,
        }),
      );
      expect(await countRows(t, 'cohorts')).toBe(rowsBefore + 1);
      expect(await getCohort(response.body.id)).toEqual(
        expect.objectContaining({
          id: response.body.id,
          number: 21,
          label: 'Printemps 2024',
          startsOn: '2024-04-10',
          endsOn: '2024-09-11',
          capacity: 12,
          year: '2024-2025',
          enrolledCount: 0,
        }),
      );
    });

    it('puts a cohort starting on March 31st in the reporting year that ends that day, and leaves capacity empty when omitted', async () => {
      const response = await postCohort(
        cohortBody({ startsOn: '2024-03-31', endsOn: '2024-08-30', deliveryMode: 'hybrid' }),
        admin,
      ).expect(201);
      expect(response.body).toMatchObject({
        startsOn: '2024-03-31',
        year: '2023-2024',
        capacity: null,
        enrolledCount: 0,
        deliveryMode: 'hybrid',
      });
      expect(await getCohort(response.body.id)).toMatchObject({ year: '2023-2024', capacity: null });
    });

    it('refuses with 409 a number already used in the program, and accepts it in another program', async () => {
      const first = await createCohort(t, coordinator, { number: 30 });
      const rowsBefore = await countRows(t, 'cohorts');

      const duplicate = await postCohort(cohortBody({ number: 30, label: 'Autre cohorte 30' })).expect(409);
      expectErrorShape(duplicate.body, 409);
      expect(duplicate.body.message).toMatch(/30/);
      expect(await countRows(t, 'cohorts')).toBe(rowsBefore);
      expect(await getCohort(first.id)).toMatchObject({ number: 30, label: first.label });

      const elsewhere = await postCohort(cohortBody({ programCode: 'parcours-transfertcoop', number: 30 })).expect(201);
      expect(elsewhere.body).toMatchObject({ programCode: 'parcours-transfertcoop', number: 30 });
      expect(await countRows(t, 'cohorts')).toBe(rowsBefore + 1);
    });

    it('creates only one of two cohorts sent at the same moment with the same number', async () => {
      const body = cohortBody();
      const rowsBefore = await countRows(t, 'cohorts');
      const responses = await Promise.all([
        postCohort({ ...body, label: 'Première' }),
        postCohort({ ...body, label: 'Seconde' }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expectErrorShape(responses.find((r) => r.status === 409)!.body, 409);
      expect(await countRows(t, 'cohorts')).toBe(rowsBefore + 1);
    });

    it('refuses with 422 a cohort that ends before it starts, and writes nothing', async () => {
      const rowsBefore = await countRows(t, 'cohorts');
      const response = await postCohort(cohortBody({ startsOn: '2024-09-11', endsOn: '2024-04-10' })).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(/2024-04-10/);
      expect(await countRows(t, 'cohorts')).toBe(rowsBefore);
    });

    it('refuses with 422 a program run without cohorts or a program that does not exist, and writes nothing', async () => {
      const rowsBefore = await countRows(t, 'cohorts');

      for (const programCode of ['demarrage', 'transfertcoop']) {
        const response = await postCohort(cohortBody({ programCode })).expect(422);
        expectErrorShape(response.body, 422);
        expect(response.body.message).toContain(programCode);
      }
      const unknown = await postCohort(cohortBody({ programCode: 'parcours-inconnu' })).expect(422);
      expectErrorShape(unknown.body, 422);
      expect(unknown.body.message).toMatch(/parcours-inconnu/);

      expect(await countRows(t, 'cohorts')).toBe(rowsBefore);
    });

    it('refuses ill-formed bodies with 400 naming the field, and writes nothing', async () => {
      const rowsBefore = await countRows(t, 'cohorts');
      const cases: [Record<string, unknown>, string][] = [
        [{ deliveryMode: 'online' }, 'deliveryMode'],
        [{ startsOn: '2024-02-30' }, 'startsOn'],
        [{ endsOn: '2024-13-01' }, 'endsOn'],
        [{ startsOn: '2024-4-10' }, 'startsOn'],
        [{ startsOn: '2024-04-10T00:00:00Z' }, 'startsOn'],
        [{ number: 0 }, 'number'],
        [{ number: '21' }, 'number'],
        [{ capacity: 0 }, 'capacity'],
        [{ label: '   ' }, 'label'],
        [{ funder: 'MEIE' }, 'funder'],
      ];
      for (const [overrides, field] of cases) {
        const response = await postCohort(cohortBody(overrides));
        expect({ overrides, status: response.status }).toEqual({ overrides, status: 400 });
        expectErrorShape(response.body, 400);
        expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      const { startsOn: _, ...withoutStart } = cohortBody();
      const missing = await postCohort(withoutStart).expect(400);
      expectErrorShape(missing.body, 400);
      expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'startsOn' })]));

      expect(await countRows(t, 'cohorts')).toBe(rowsBefore);
    });
  });

  describe('reading', () => {
    it('filters by reporting year, which starts in April', async () => {
      const march31 = await createCohort(t, coordinator, { startsOn: '2024-03-31', endsOn: '2024-08-31' });
      const april1 = await createCohort(t, coordinator, { startsOn: '2024-04-01', endsOn: '2024-09-01' });
      const nextMarch31 = await createCohort(t, coordinator, { startsOn: '2025-03-31', endsOn: '2025-09-30' });
      const april2025 = await createCohort(t, coordinator, { startsOn: '2025-04-01', endsOn: '2025-09-30' });
      expect([march31.year, april1.year, nextMarch31.year, april2025.year]).toEqual([
        '2023-2024',
        '2024-2025',
        '2024-2025',
        '2025-2026',
      ]);

      const year = await listCohorts({ year: '2024-2025' });
      const ids = year.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining([april1.id, nextMarch31.id]));
      expect(ids).not.toContain(march31.id);
      expect(ids).not.toContain(april2025.id);
      expect(
        year.every((c) => c.year === '2024-2025' && c.startsOn >= '2024-04-01' && c.startsOn <= '2025-03-31'),
      ).toBe(true);

      const previous = await listCohorts({ year: '2023-2024' });
      expect(previous.map((c) => c.id)).toContain(march31.id);
      expect(previous.map((c) => c.id)).not.toContain(april1.id);
      expect(previous.every((c) => c.year === '2023-2024')).toBe(true);

      const following = await listCohorts({ year: '2025-2026' });
      expect(following.map((c) => c.id)).toContain(april2025.id);
      expect(following.map((c) => c.id)).not.toContain(nextMarch31.id);
    });

    it('filters by program, and by program and year together', async () => {
      const coop = await createCohort(t, coordinator, {
        programCode: 'parcours-coop',
        startsOn: '2026-04-15',
        endsOn: '2026-09-15',
      });
      const transfert = await createCohort(t, coordinator, {
        programCode: 'parcours-transfertcoop',
        startsOn: '2026-04-15',
        endsOn: '2026-09-15',
      });
      const transfertLater = await createCohort(t, coordinator, {
        programCode: 'parcours-transfertcoop',
        startsOn: '2027-10-01',
        endsOn: '2028-02-01',
      });

      const transferts = await listCohorts({ programCode: 'parcours-transfertcoop' });
      expect(transferts.map((c) => c.id)).toEqual(expect.arrayContaining([transfert.id, transfertLater.id]));
      expect(transferts.map((c) => c.id)).not.toContain(coop.id);
      expect(transferts.every((c) => c.programCode === 'parcours-transfertcoop')).toBe(true);

      const both = await listCohorts({ programCode: 'parcours-transfertcoop', year: '2026-2027' });
      expect(both.map((c) => c.id)).toEqual([transfert.id]);
      expect(both[0]).toMatchObject({ programCode: 'parcours-transfertcoop', year: '2026-2027', enrolledCount: 0 });

      const coops = await listCohorts({ programCode: 'parcours-coop', year: '2026-2027' });
      expect(coops.map((c) => c.id)).toEqual([coop.id]);

      expect(await listCohorts({ programCode: 'demarrage' })).toEqual([]);
    });

    it('refuses with 400 a year that is not a reporting year', async () => {
      for (const year of ['2024', '2024-2026', '2025-2024', '24-25', 'cette-annee']) {
        const response = await t.http().get('/cohorts').query({ year }).set(bearer(viewer));
        expect({ year, status: response.status }).toEqual({ year, status: 400 });
        expectErrorShape(response.body, 400);
        expect(response.body.message).toMatch(/2023-2024/);
      }
    });

    it('answers 404 for an unknown cohort and 400 for an id that is not a number', async () => {
      const unknown = await t.http().get('/cohorts/999999').set(bearer(viewer)).expect(404);
      expectErrorShape(unknown.body, 404);
      expect(unknown.body.message).toMatch(/999999/);

      const notANumber = await t.http().get('/cohorts/vingt').set(bearer(viewer)).expect(400);
      expectErrorShape(notANumber.body, 400);
      expect(notANumber.body.message).toMatch(/id/);
    });

    it.each(['admin', 'coordinator', 'advisor', 'viewer'] as const)('lets a %s read cohorts', async (role) => {
      const cohort = await createCohort(t, coordinator);
      const token = await t.tokenFor(role);
      const list = await t.http().get('/cohorts').set(bearer(token)).expect(200);
      expect(list.body.map((c: CohortBody) => c.id)).toContain(cohort.id);
      const one = await t.http().get(`/cohorts/${cohort.id}`).set(bearer(token)).expect(200);
      expect(one.body).toMatchObject({
        id: cohort.id,
        number: cohort.number,
        label: cohort.label,
        year: '2024-2025',
        enrolledCount: 0,
      });
    });
  });

  describe('changing', () => {
    it('changes the label, the dates, the capacity and the number', async () => {
      const cohort = await createCohort(t, coordinator, { startsOn: '2024-04-10', endsOn: '2024-09-11', capacity: 10 });

      const response = await patchCohort(cohort.id, {
        label: 'Automne 2025',
        startsOn: '2025-09-15',
        endsOn: '2026-02-20',
        capacity: 15,
        number: 4242,
        deliveryMode: 'in_person',
      }).expect(200);

      const expected = {
        id: cohort.id,
        programCode: 'parcours-coop',
        label: 'Automne 2025',
        startsOn: '2025-09-15',
        endsOn: '2026-02-20',
        capacity: 15,
        number: 4242,
        deliveryMode: 'in_person',
        year: '2025-2026',
        enrolledCount: 0,
      };
      expect(response.body).toMatchObject(expected);
      expect(await getCohort(cohort.id)).toMatchObject(expected);

      // One field alone changes only that field; a capacity can be lifted.
      const lifted = await patchCohort(cohort.id, { capacity: null }, admin).expect(200);
      expect(lifted.body).toMatchObject({ ...expected, capacity: null });
      const relabelled = await patchCohort(cohort.id, { label: 'Automne 2025 (à distance)' }).expect(200);
      expect(relabelled.body).toMatchObject({ ...expected, capacity: null, label: 'Automne 2025 (à distance)' });
    });

    it('refuses with 409 a number already used in the program and keeps the cohort', async () => {
      const taken = await createCohort(t, coordinator);
      const cohort = await createCohort(t, coordinator);
      const response = await patchCohort(cohort.id, { number: taken.number, label: 'Renommée' }).expect(409);
      expectErrorShape(response.body, 409);
      expect(await getCohort(cohort.id)).toMatchObject({ number: cohort.number, label: cohort.label });
      // Sending its own number back is not a conflict.
      await patchCohort(cohort.id, { number: cohort.number }).expect(200);
    });

    it('refuses with 422 dates that would make the cohort end before it starts', async () => {
      const cohort = await createCohort(t, coordinator, { startsOn: '2024-04-10', endsOn: '2024-09-11' });

      const earlyEnd = await patchCohort(cohort.id, { endsOn: '2024-04-09' }).expect(422);
      expectErrorShape(earlyEnd.body, 422);
      const lateStart = await patchCohort(cohort.id, { startsOn: '2024-09-12', label: 'Décalée' }).expect(422);
      expectErrorShape(lateStart.body, 422);
      const both = await patchCohort(cohort.id, { startsOn: '2024-10-01', endsOn: '2024-09-30' }).expect(422);
      expectErrorShape(both.body, 422);

      expect(await getCohort(cohort.id)).toMatchObject({
        startsOn: '2024-04-10',
        endsOn: '2024-09-11',
        label: cohort.label,
        year: '2024-2025',
      });
    });

    it('refuses ill-formed changes with 400 and an unknown cohort with 404', async () => {
      const cohort = await createCohort(t, coordinator);
      for (const body of [
        { endsOn: '2024-02-30' },
        { deliveryMode: 'online' },
        { programCode: 'parcours-transfertcoop' },
        { year: '2023-2024' },
        { capacity: -1 },
      ]) {
        const response = await patchCohort(cohort.id, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expectErrorShape(response.body, 400);
      }
      expect(await getCohort(cohort.id)).toMatchObject({
        programCode: 'parcours-coop',
        endsOn: cohort.endsOn,
        deliveryMode: cohort.deliveryMode,
      });

      const unknown = await patchCohort(999999, { label: 'Fantôme' }).expect(404);
      expectErrorShape(unknown.body, 404);
      const notANumber = await patchCohort('vingt', { label: 'Fantôme' }).expect(400);
      expectErrorShape(notANumber.body, 400);
    });

    it.each(['advisor', 'viewer'] as const)('refuses to create or change a cohort for a %s with 403', async (role) => {
      const token = await t.tokenFor(role);
      const cohort = await createCohort(t, coordinator);
      const rowsBefore = await countRows(t, 'cohorts');

      const created = await postCohort(cohortBody(), token).expect(403);
      expectErrorShape(created.body, 403);
      const changed = await patchCohort(cohort.id, { label: 'Changée', capacity: 1 }, token).expect(403);
      expectErrorShape(changed.body, 403);

      expect(await countRows(t, 'cohorts')).toBe(rowsBefore);
      expect(await getCohort(cohort.id)).toMatchObject({ label: cohort.label, capacity: null });
    });
  });

  describe('enrolling projects', () => {
    it('accepts one project in a cohort of capacity 1 and refuses the second with 422 naming the capacity', async () => {
      const cohort = await createCohort(t, coordinator, { capacity: 1 });

      const first = await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: cohort.id });
      expect(first.enrollments).toHaveLength(1);
      expect(first.enrollments[0]).toMatchObject({
        programCode: 'parcours-coop',
        cohortId: cohort.id,
        cohort: { id: cohort.id, number: cohort.number },
        stage: { code: 'inscription' },
      });
      expect(await getCohort(cohort.id)).toMatchObject({ capacity: 1, enrolledCount: 1 });

      const before = {
        projects: await countRows(t, 'projects'),
        enrollments: await countRows(t, 'enrollments'),
        transitions: await countRows(t, 'transitions'),
      };
      const second = await postProject({ programCode: 'parcours-coop', cohortId: cohort.id }).expect(422);
      expectErrorShape(second.body, 422);
      expect(second.body.message).toMatch(/capacity 1\b/);
      expect({
        projects: await countRows(t, 'projects'),
        enrollments: await countRows(t, 'enrollments'),
        transitions: await countRows(t, 'transitions'),
      }).toEqual(before);
      expect(await getCohort(cohort.id)).toMatchObject({ enrolledCount: 1 });

      // Once the capacity is raised, the next project gets in.
      await patchCohort(cohort.id, { capacity: 2 }).expect(200);
      await postProject({ programCode: 'parcours-coop', cohortId: cohort.id }).expect(201);
      expect(await getCohort(cohort.id)).toMatchObject({ capacity: 2, enrolledCount: 2 });
    });

    it('lets exactly one of several projects sent at the same moment take the last place of a cohort', async () => {
      const cohort = await createCohort(t, coordinator, { capacity: 1 });
      const before = { projects: await countRows(t, 'projects'), enrollments: await countRows(t, 'enrollments') };

      const responses = await Promise.all(
        [1, 2, 3, 4].map(() => postProject({ programCode: 'parcours-coop', cohortId: cohort.id })),
      );

      expect(responses.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
      for (const refused of responses.filter((r) => r.status === 422)) {
        expectErrorShape(refused.body, 422);
        expect(refused.body.message).toMatch(/capacity 1\b/);
      }
      expect({ projects: await countRows(t, 'projects'), enrollments: await countRows(t, 'enrollments') }).toEqual({
        projects: before.projects + 1,
        enrollments: before.enrollments + 1,
      });
      expect(await getCohort(cohort.id)).toMatchObject({ capacity: 1, enrolledCount: 1 });
    });

    it('refuses with 422 to lower the capacity below the number of projects enrolled', async () => {
      const cohort = await createCohort(t, coordinator, { capacity: 3 });
      await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: cohort.id });
      await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: cohort.id });

      const response = await patchCohort(cohort.id, { capacity: 1 }).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(/\b2\b/);
      expect(await getCohort(cohort.id)).toMatchObject({ capacity: 3, enrolledCount: 2 });

      const exact = await patchCohort(cohort.id, { capacity: 2 }).expect(200);
      expect(exact.body).toMatchObject({ capacity: 2, enrolledCount: 2 });
    });

    it('refuses with 422 a cohort for a project in a program without cohorts, and writes nothing', async () => {
      const cohort = await createCohort(t, coordinator);
      const before = { projects: await countRows(t, 'projects'), enrollments: await countRows(t, 'enrollments') };

      const response = await postProject({ programCode: 'demarrage', cohortId: cohort.id }).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(/demarrage/);

      expect({ projects: await countRows(t, 'projects'), enrollments: await countRows(t, 'enrollments') }).toEqual(
        before,
      );
      expect(await getCohort(cohort.id)).toMatchObject({ enrolledCount: 0 });
    });

    it('refuses with 422 a cohort of another program, and writes nothing', async () => {
      const transfertCohort = await createCohort(t, coordinator, { programCode: 'parcours-transfertcoop' });
      const before = { projects: await countRows(t, 'projects'), enrollments: await countRows(t, 'enrollments') };

      const response = await postProject({ programCode: 'parcours-coop', cohortId: transfertCohort.id }).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(/parcours-transfertcoop/);
      expect({ projects: await countRows(t, 'projects'), enrollments: await countRows(t, 'enrollments') }).toEqual(
        before,
      );
      expect(await getCohort(transfertCohort.id)).toMatchObject({ enrolledCount: 0 });

      // The same cohort takes a project of its own program.
      const own = await createProject(t, coordinator, {
        programCode: 'parcours-transfertcoop',
        kind: 'transfer',
        cohortId: transfertCohort.id,
      });
      expect(own.enrollments[0]).toMatchObject({ programCode: 'parcours-transfertcoop', cohortId: transfertCohort.id });
      expect(await getCohort(transfertCohort.id)).toMatchObject({ enrolledCount: 1 });
    });

    it('refuses with 422 a cohort that does not exist', async () => {
      const before = await countRows(t, 'projects');
      const response = await postProject({ programCode: 'parcours-coop', cohortId: 999999 }).expect(422);
      expectErrorShape(response.body, 422);
      expect(await countRows(t, 'projects')).toBe(before);
    });

    it('counts the projects enrolled in each cohort, in the cohort and in the list', async () => {
      const counted = await createCohort(t, coordinator, { startsOn: '2028-04-20', endsOn: '2028-09-20' });
      const other = await createCohort(t, coordinator, { startsOn: '2028-05-20', endsOn: '2028-10-20' });
      expect(counted.enrolledCount).toBe(0);

      await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: counted.id });
      await createProject(t, advisor, { programCode: 'parcours-coop', cohortId: counted.id });
      await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: counted.id, kind: 'transfer' });
      await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: other.id });
      await createProject(t, coordinator, { programCode: 'parcours-coop' }); // in the program, in no cohort

      expect(await getCohort(counted.id)).toMatchObject({ enrolledCount: 3 });
      expect(await getCohort(other.id)).toMatchObject({ enrolledCount: 1 });
      const listed = await listCohorts({ programCode: 'parcours-coop', year: '2028-2029' });
      expect(listed.map((c) => [c.id, c.enrolledCount])).toEqual([
        [counted.id, 3],
        [other.id, 1],
      ]);
    });
  });
});
