import { DateTime } from 'luxon';
import { jest } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { localDateOf } from '../src/common/time.js';
import { Organization } from '../src/organizations/organization.entity.js';
import type { Role } from '../src/users/user.entity.js';
import { createProject } from './support/fixtures.js';
import { ROLES } from './support/roles.js';
import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

interface Entry {
  id: number;
  advisor: { id: number; name: string };
  project: { id: number; name: string } | null;
  organization: { id: number; name: string } | null;
  workedOn: string;
  hours: number;
  interventionType: { code: string; active: boolean; family: { code: string; serves: string } };
  note?: string | null;
}

describe('time entries and intervention types', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  let otherAdvisor: string;
  let otherAdvisorId: number;
  let projectId: number;
  let coopId: number;
  /** Today in Montréal, by the service's clock, held still for the whole file. */
  let today: string;
  const daysAgo = (days: number) => DateTime.fromISO(today).minus({ days }).toISODate()!;
  /**
   * Dates within the advisors' 30-day window, a new one at each call (round again after 29). Tests
   * that fill a day to 24 hours do it for an advisor of their own, so other tests' hours never count.
   */
  let dayCounter = 0;
  const freshDay = () => daysAgo((dayCounter++ % 29) + 1);
  const newAdvisor = async (key: string) => ({
    token: await t.tokenFor('advisor', key),
    id: await t.userIdFor('advisor', key),
  });

  beforeAll(async () => {
    t = await startTestApp();
    const now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(now);
    today = localDateOf(now);
    for (const role of ROLES) {
      tokens[role] = await t.tokenFor(role);
      ids[role] = await t.userIdFor(role);
    }
    otherAdvisor = await t.tokenFor('advisor', 'advisor-b');
    otherAdvisorId = await t.userIdFor('advisor', 'advisor-b');
    projectId = (await createProject(t, tokens.coordinator)).id;
    coopId = (await createCoop('Coop La Forge')).id;
  });
  afterAll(() => t.close());

  /** Co-ops are made straight in the table: their API is not what this file is about. */
  const createCoop = (name: string) =>
    t.dataSource
      .getRepository(Organization)
      .save({ name, searchName: name.toLowerCase(), coopType: 'worker', region: '06', sector: 'menuiserie' });

  const post = (body: object, token = tokens.advisor) => t.http().post('/time-entries').set(bearer(token)).send(body);
  const patch = (id: number, body: object, token = tokens.advisor) =>
    t.http().patch(`/time-entries/${id}`).set(bearer(token)).send(body);
  const remove = (id: number, token = tokens.advisor) => t.http().delete(`/time-entries/${id}`).set(bearer(token));
  const list = async (query: Record<string, string | number>, token = tokens.coordinator) =>
    (await t.http().get('/time-entries').query(query).set(bearer(token)).expect(200)).body as {
      items: Entry[];
      total: number;
      totalHours: number;
    };
  const forProject = (overrides: object = {}) => ({
    workedOn: freshDay(),
    hours: 1.5,
    interventionType: 'premieres-rencontres',
    projectId,
    ...overrides,
  });
  const forCoop = (overrides: object = {}) => ({
    workedOn: freshDay(),
    hours: 2,
    interventionType: 'analyse-financiere',
    organizationId: coopId,
    ...overrides,
  });
  const countEntries = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM time_entries'))[0].n);
  const storedQuarterHours = async (advisorId: number, workedOn: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT COALESCE(SUM(quarter_hours), 0) AS q FROM time_entries WHERE advisor_id = ${advisorId} AND worked_on = '${workedOn}'`,
        )
      )[0].q,
    );

  describe('the list of intervention types', () => {
    it.each(ROLES)('is read by %s, grouped by family in order, with what each family serves', async (role) => {
      const body = (await t.http().get('/intervention-types').set(bearer(tokens[role])).expect(200)).body;
      expect(body.map((f: { code: string; serves: string }) => [f.code, f.serves])).toEqual([
        ['gestion-collective', 'organization'],
        ['finances', 'organization'],
        ['strategie', 'organization'],
        ['demarrage-transfert', 'project'],
      ]);
      const startUp = body[3];
      expect(startUp.labelFr).toBe('Accompagnement au démarrage et au transfert');
      expect(startUp.types.map((type: { code: string; position: number }) => [type.code, type.position])).toEqual([
        ['premieres-rencontres', 1],
        ['analyse-prefaisabilite', 2],
        ['plan-affaires', 3],
        ['montage-financier', 4],
        ['constitution', 5],
      ]);
      expect(body[1].types[1]).toEqual({
        code: 'emission-parts-ampli',
        familyCode: 'finances',
        labelFr: 'Émission de parts et fonds AMPLI',
        labelEn: 'Share issues and the AMPLI fund',
        position: 2,
        active: true,
      });
      expect(body.map((f: { types: unknown[] }) => f.types.length)).toEqual([5, 4, 3, 5]);
    });
  });

  describe('recording and listing', () => {
    it('records an entry for a project and one for a co-op, and names advisor, target and type', async () => {
      const day = freshDay();
      const first = await post(forProject({ workedOn: day, hours: 1.25, note: '  Première rencontre  ' })).expect(201);
      expect(first.body).toEqual(
        expect.objectContaining({
          advisor: { id: ids.advisor, name: 'Test advisor' },
          project: { id: projectId, name: expect.any(String) },
          organization: null,
          workedOn: day,
          hours: 1.25,
          note: 'Première rencontre',
          demo: false,
          interventionType: expect.objectContaining({
            code: 'premieres-rencontres',
            labelFr: 'Premières rencontres',
            labelEn: 'First meetings',
            family: expect.objectContaining({ code: 'demarrage-transfert', serves: 'project' }),
          }),
        }),
      );
      const [row] = await t.dataSource.query(`SELECT quarter_hours FROM time_entries WHERE id = ${first.body.id}`);
      expect(Number(row.quarter_hours)).toBe(5);
      const second = await post(forCoop({ workedOn: day })).expect(201);
      expect(second.body.organization).toEqual({ id: coopId, name: 'Coop La Forge' });
      expect(second.body.project).toBeNull();
    });

    it("sums every entry a filter matches, on every page: a project's and a co-op's totals", async () => {
      const project = (await createProject(t, tokens.coordinator)).id;
      const coop = (await createCoop('Coop des Totaux')).id;
      const made = [
        { body: forProject({ projectId: project, hours: 3.75 }), token: tokens.advisor },
        {
          body: forProject({ projectId: project, hours: 0.25, interventionType: 'plan-affaires' }),
          token: otherAdvisor,
        },
        { body: forProject({ projectId: project, hours: 7.5 }), token: tokens.coordinator },
        { body: forCoop({ organizationId: coop, hours: 1.75 }), token: tokens.advisor },
        { body: forCoop({ organizationId: coop, hours: 4, interventionType: 'plan-marketing' }), token: otherAdvisor },
      ];
      const created: Entry[] = [];
      for (const { body, token } of made) created.push((await post(body, token).expect(201)).body);
      const sumOf = (entries: Entry[]) => entries.reduce((sum, e) => sum + e.hours, 0);
      const ofProject = created.filter((e) => e.project?.id === project);
      const ofCoop = created.filter((e) => e.organization?.id === coop);

      const projectPage = await list({ projectId: project, pageSize: 1 });
      expect(projectPage.total).toBe(ofProject.length);
      expect(projectPage.items).toHaveLength(1);
      expect(projectPage.totalHours).toBe(sumOf(ofProject));
      expect((await list({ organizationId: coop })).totalHours).toBe(sumOf(ofCoop));

      const byFamily = await list({ organizationId: coop, family: 'strategie' });
      expect(byFamily.items.map((e) => e.id)).toEqual(
        ofCoop.filter((e) => e.interventionType.code === 'plan-marketing').map((e) => e.id),
      );
      const byType = await list({ projectId: project, interventionType: 'plan-affaires' });
      expect(byType.totalHours).toBe(0.25);
      const byAdvisor = await list({ projectId: project, advisorId: ids.advisor });
      expect(byAdvisor.totalHours).toBe(sumOf(ofProject.filter((e) => e.advisor.id === ids.advisor)));

      const dates = ofProject.map((e) => e.workedOn).sort();
      const inRange = await list({ projectId: project, from: dates[1], to: dates[2] });
      expect(inRange.items.map((e) => e.workedOn).sort()).toEqual([dates[1], dates[2]]);
      expect(inRange.totalHours).toBe(sumOf(ofProject.filter((e) => e.workedOn >= dates[1] && e.workedOn <= dates[2])));
    });
  });

  describe('bad input: 400 naming the field, nothing written', () => {
    const refused = async (body: object, field: string, token = tokens.advisor) => {
      const before = await countEntries();
      const response = await post(body, token).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain(field);
      expect(await countEntries()).toBe(before);
    };

    it.each([0.3, 0, -1, 24.25, 1.1])('hours %p', (hours) => refused(forProject({ hours }), 'hours'));
    it('hours that are text', () => refused(forProject({ hours: '2' }), 'hours'));
    it('a date after today in Montréal', () =>
      refused(forProject({ workedOn: DateTime.fromISO(today).plus({ days: 1 }).toISODate() }), 'workedOn'));
    it('an intervention type that does not exist', () =>
      refused(forProject({ interventionType: 'pas-un-type' }), 'interventionType'));
    it('a project and a co-op at once', () => refused(forProject({ organizationId: coopId }), 'projectId'));
    it('neither a project nor a co-op', () => refused(forProject({ projectId: undefined }), 'projectId'));
    it('a start-up type for a co-op', () =>
      refused(forCoop({ interventionType: 'premieres-rencontres' }), 'interventionType'));
    it('an advisory type for a project', () =>
      refused(forProject({ interventionType: 'analyse-financiere' }), 'interventionType'));

    it('more than 24 hours for one advisor on one date, counting what is recorded', async () => {
      const day = freshDay();
      const [busy, other] = [await newAdvisor('busy'), await newAdvisor('busy-other')];
      await post(forProject({ workedOn: day, hours: 20 }), busy.token).expect(201);
      await refused(forCoop({ workedOn: day, hours: 4.25 }), 'hours', busy.token);
      // Another advisor's day is theirs: the same date is free for them.
      await post(forCoop({ workedOn: day, hours: 4.25 }), other.token).expect(201);
      await post(forCoop({ workedOn: day, hours: 4 }), busy.token).expect(201);
      expect(await storedQuarterHours(busy.id, day)).toBe(96);
    });

    it('answers 404, writing nothing, for a project or a co-op that does not exist', async () => {
      const before = await countEntries();
      await post(forProject({ projectId: 999999 })).expect(404);
      await post(forCoop({ organizationId: 999999 })).expect(404);
      expect(await countEntries()).toBe(before);
    });
  });

  describe('who records and changes what', () => {
    it('refuses viewers every write, and shows them every field but the note', async () => {
      const entry = (await post(forProject({ note: 'Confidentiel' })).expect(201)).body;
      await post(forProject(), tokens.viewer).expect(403);
      await patch(entry.id, { hours: 2 }, tokens.viewer).expect(403);
      await remove(entry.id, tokens.viewer).expect(403);
      const seen = (await list({ projectId, pageSize: 500 }, tokens.viewer)).items.find((e) => e.id === entry.id)!;
      expect(seen).not.toHaveProperty('note');
      const { note, ...rest } = entry;
      expect(note).toBe('Confidentiel');
      expect(seen).toEqual(rest);
    });

    it('lets coordinators and admins record for active staff, not an advisor for someone else', async () => {
      const byCoordinator = await post(forProject({ advisorId: ids.advisor }), tokens.coordinator).expect(201);
      expect(byCoordinator.body.advisor.id).toBe(ids.advisor);
      await post(forProject({ advisorId: ids.advisor }), tokens.admin).expect(201);
      await post(forProject({ advisorId: otherAdvisorId })).expect(403);
      await post(forProject({ advisorId: ids.viewer }), tokens.coordinator).expect(422);
    });

    it("refuses an advisor another person's entry, and lets coordinators change it", async () => {
      const entry = (await post(forProject(), otherAdvisor).expect(201)).body;
      await patch(entry.id, { hours: 3 }).expect(403);
      await remove(entry.id).expect(403);
      expect((await patch(entry.id, { hours: 3 }, tokens.coordinator).expect(200)).body.hours).toBe(3);
    });

    it('lets an advisor change their entries up to 30 days back, and coordinators any time', async () => {
      const late = await newAdvisor('late');
      const old = daysAgo(31);
      const entry = (await post(forProject({ workedOn: old, advisorId: late.id }), tokens.coordinator).expect(201))
        .body;
      const refused = await patch(entry.id, { hours: 2 }, late.token).expect(403);
      expect(refused.body.message).toMatch(/30 days/);
      expect((await remove(entry.id, late.token).expect(403)).body.message).toMatch(/30 days/);
      // Nor may an advisor record one that far back themselves.
      expect((await post(forProject({ workedOn: old }), late.token).expect(403)).body.message).toMatch(/30 days/);
      expect(await storedQuarterHours(late.id, old)).toBe(6);

      const recent = (await post(forProject({ workedOn: daysAgo(30) }), late.token).expect(201)).body;
      expect((await patch(recent.id, { hours: 2.5 }, late.token).expect(200)).body.hours).toBe(2.5);
      const moved = await patch(recent.id, { workedOn: old }, late.token).expect(403);
      expect(moved.body.message).toMatch(/30 days/);

      expect((await patch(entry.id, { hours: 2 }, tokens.coordinator).expect(200)).body.hours).toBe(2);
      await remove(entry.id, tokens.coordinator).expect(204);
      await remove(recent.id, late.token).expect(204);
      expect((await list({ advisorId: late.id })).total).toBe(0);
    });

    it('checks a change like a new entry, counting the other entries of the day but not itself', async () => {
      const day = freshDay();
      const { token, id } = await newAdvisor('changer');
      const entry = (await post(forProject({ workedOn: day, hours: 16 }), token).expect(201)).body;
      expect((await patch(entry.id, { hours: 20 }, token).expect(200)).body.hours).toBe(20);
      await post(forCoop({ workedOn: day, hours: 4 }), token).expect(201);
      const over = await patch(entry.id, { hours: 20.25 }, token).expect(400);
      expect(fieldsOf(over.body)).toEqual(['hours']);
      const both = await patch(entry.id, { organizationId: coopId }, token).expect(400);
      expect(fieldsOf(both.body)).toEqual(['projectId']);
      const toCoop = await patch(entry.id, { projectId: null, organizationId: coopId }, token).expect(400);
      expect(fieldsOf(toCoop.body)).toEqual(['interventionType']);
      const tomorrow = DateTime.fromISO(today).plus({ days: 1 }).toISODate()!;
      const future = await patch(entry.id, { workedOn: tomorrow }, token).expect(400);
      expect(fieldsOf(future.body)).toEqual(['workedOn']);
      const switched = await patch(
        entry.id,
        { projectId: null, organizationId: coopId, interventionType: 'redressement' },
        token,
      ).expect(200);
      expect(switched.body.organization.id).toBe(coopId);
      expect(await storedQuarterHours(id, day)).toBe(96);
    });
  });

  it("shows a project's and a co-op's recorded hours on their pages, as the entries add up", async () => {
    const project = (await createProject(t, tokens.coordinator, { name: 'Projet des heures comptées' })).id;
    const coop = (await createCoop('Coop Les Heures')).id;
    const page = async (path: string) => (await t.http().get(path).set(bearer(tokens.viewer)).expect(200)).body;
    expect((await page(`/projects/${project}`)).hours).toBe(0);
    expect((await page(`/organizations/${coop}`)).hours).toBe(0);

    for (const hours of [1.25, 2.5]) await post(forProject({ projectId: project, hours })).expect(201);
    for (const hours of [0.75, 3]) await post(forCoop({ organizationId: coop, hours })).expect(201);
    expect((await page(`/projects/${project}`)).hours).toBe(3.75);
    expect((await page(`/organizations/${coop}`)).hours).toBe(3.75);
    const listed = await page('/projects?q=heures%20compt');
    expect(listed.items.map((p: { id: number; hours: number }) => [p.id, p.hours])).toEqual([[project, 3.75]]);
    const coops = await page('/organizations?q=heures');
    expect(coops.items.map((o: { id: number; hours: number }) => [o.id, o.hours])).toEqual([[coop, 3.75]]);
  });

  it('holds 24 hours a day under concurrent requests: of four 16-hour entries at once, one is recorded', async () => {
    const day = freshDay();
    const { token, id } = await newAdvisor('racer');
    const responses = await Promise.all([1, 2, 3, 4].map(() => post(forProject({ workedOn: day, hours: 16 }), token)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 400, 400, 400]);
    expect(await storedQuarterHours(id, day)).toBe(64);
  });

  describe('admins edit the list', () => {
    const types = async () =>
      (await t.http().get('/intervention-types').set(bearer(tokens.advisor)).expect(200)).body as {
        code: string;
        types: { code: string; position: number; active: boolean; labelFr: string }[];
      }[];

    it('adds, relabels and moves a type; others may not', async () => {
      const body = {
        code: 'gouvernance',
        familyCode: 'gestion-collective',
        labelFr: 'Gouvernance',
        labelEn: 'Governance',
      };
      await t.http().post('/intervention-types').set(bearer(tokens.coordinator)).send(body).expect(403);
      const created = await t
        .http()
        .post('/intervention-types')
        .set(bearer(tokens.admin))
        .send({ ...body, position: 2 })
        .expect(201);
      expect(created.body).toEqual({ ...body, position: 2, active: true });
      await t.http().post('/intervention-types').set(bearer(tokens.admin)).send(body).expect(409);
      await t
        .http()
        .post('/intervention-types')
        .set(bearer(tokens.admin))
        .send({ ...body, code: 'x', familyCode: 'nope' })
        .expect(422);
      await t
        .http()
        .patch('/intervention-types/gouvernance')
        .set(bearer(tokens.admin))
        .send({ labelFr: 'Gouvernance coopérative', position: 6 })
        .expect(200);
      const family = (await types())[0].types;
      expect(family.map((type) => type.code)).toEqual([
        'fonctionnement-associatif',
        'gestion-conflits',
        'organisation-travail',
        'relations-travail',
        'revision-structure-interne',
        'gouvernance',
      ]);
      expect(family.map((type) => type.position)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(family[5].labelFr).toBe('Gouvernance coopérative');
      await t.http().delete('/intervention-types/gouvernance').set(bearer(tokens.admin)).expect(204);
      await t.http().delete('/intervention-types/gouvernance').set(bearer(tokens.admin)).expect(404);
    });

    it('retires a type: new entries refused with it, old ones still listed; a used type is not deleted', async () => {
      const old = (await post(forCoop({ interventionType: 'gestion-excedents' })).expect(201)).body;
      await t.http().delete('/intervention-types/gestion-excedents').set(bearer(tokens.admin)).expect(409);
      await t
        .http()
        .patch('/intervention-types/gestion-excedents')
        .set(bearer(tokens.admin))
        .send({ active: false })
        .expect(200);
      const before = await countEntries();
      const refused = await post(forCoop({ interventionType: 'gestion-excedents' })).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['interventionType']);
      expect(await countEntries()).toBe(before);
      const listed = await list({ interventionType: 'gestion-excedents' });
      expect(listed.items.map((e) => [e.id, e.interventionType.active])).toEqual([[old.id, false]]);
      // The entry keeps its type when it changes otherwise.
      expect((await patch(old.id, { hours: 1 }).expect(200)).body.interventionType.code).toBe('gestion-excedents');
      await t
        .http()
        .patch('/intervention-types/gestion-excedents')
        .set(bearer(tokens.admin))
        .send({ active: true })
        .expect(200);
      await post(forCoop({ interventionType: 'gestion-excedents' })).expect(201);
    });
  });
});
