import { Clock } from '../src/common/clock.js';
import type { AuditItem } from './support/audit.js';
import { auditCount } from './support/audit.js';
import { createCohort, createProject } from './support/fixtures.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';

// Reading the audit trail: who may, and every filter.

describe('GET /audit', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  let adminId: number;
  let coordinatorId: number;
  let cohortId: number;
  let projectId: number;

  const read = async (token: string, query: Record<string, string | number>) => {
    const response = await t.http().get('/audit').query(query).set(bearer(token));
    return response;
  };
  const items = async (query: Record<string, string | number>): Promise<AuditItem[]> => {
    const response = await read(admin, query);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    adminId = await t.userIdFor('admin');
    coordinatorId = await t.userIdFor('coordinator');
    // Created by the coordinator, changed by the admin.
    cohortId = (await createCohort(t, coordinator)).id;
    await t.http().patch(`/cohorts/${cohortId}`).set(bearer(admin)).send({ label: 'Cohorte renommée' }).expect(200);
    projectId = (
      await createProject(t, coordinator, {
        contacts: [{ name: 'Rosalie Tremblay', email: 'rosalie@exemple.test' }],
      })
    ).id;
  });
  afterAll(() => t.close());

  it('is for admins and coordinators', async () => {
    for (const token of [admin, coordinator]) expect((await read(token, {})).status).toBe(200);
    for (const role of ['advisor', 'viewer'] as const) {
      const response = await read(await t.tokenFor(role), {});
      expect(response.status).toBe(403);
      expectErrorShape(response.body, 403);
    }
  });

  it("lists one entity's entries newest first, with who made each", async () => {
    const entries = await items({ entity: 'cohort', id: String(cohortId) });
    expect(entries.map((e) => [e.action, e.user?.id])).toEqual([
      ['change', adminId],
      ['create', coordinatorId],
    ]);
    expect(entries[0]).toMatchObject({
      entity: 'cohort',
      entityId: String(cohortId),
      projectId: null,
      before: { label: expect.stringMatching(/^Cohorte test/) },
      after: { label: 'Cohorte renommée' },
      user: { id: adminId, name: expect.any(String), email: expect.any(String) },
    });
    expect(new Date(entries[0].occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('filters by who made the change and by a project, with what belongs to it', async () => {
    const byAdmin = await items({ userId: adminId, pageSize: 500 });
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.user?.id === adminId)).toBe(true);
    const ofProject = await items({ projectId });
    expect(ofProject.map((e) => [e.entity, e.action]).sort()).toEqual([
      ['contact', 'create'],
      ['project', 'create'],
    ]);
    expect(ofProject.every((e) => e.projectId === projectId)).toBe(true);
  });

  it('filters by time: instants, or Montréal days with `to` holding the whole day', async () => {
    const all = (await read(admin, { pageSize: 500 })).body.total as number;
    const now = t.app.get(Clock).now();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(now);
    expect((await read(admin, { from: today, to: today })).body.total).toBe(all);
    expect((await read(admin, { to: new Date(now.getTime() - 3_600_000).toISOString() })).body.total).toBe(0);
    expect((await read(admin, { from: new Date(now.getTime() + 3_600_000).toISOString() })).body.total).toBe(0);
  });

  it('pages', async () => {
    const first = await read(admin, { pageSize: 1, page: 1 });
    const second = await read(admin, { pageSize: 1, page: 2 });
    expect(first.body).toMatchObject({ page: 1, pageSize: 1, total: second.body.total });
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
  });

  it('refuses filters that are not valid, naming them', async () => {
    const cases: [Record<string, string | number>, RegExp][] = [
      [{ entity: 'password' }, /entity/],
      [{ id: '12' }, /give entity too/],
      [{ userId: 'moi' }, /userId/],
      [{ from: '2024-13-01' }, /from/],
      [{ from: '2024-05-02', to: '2024-05-01' }, /from \(2024-05-02\) must come before to/],
      [{ pageSize: 501 }, /pageSize/],
    ];
    for (const [query, message] of cases) {
      const response = await read(admin, query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expectErrorShape(response.body, 400);
      expect(JSON.stringify(response.body)).toMatch(message);
    }
  });

  it('records nothing for reads', async () => {
    const before = await auditCount(t);
    await t.http().get(`/projects/${projectId}`).set(bearer(admin)).expect(200);
    await read(admin, {});
    expect(await auditCount(t)).toBe(before);
  });
});
