import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { countRows, createProject } from './support/fixtures.js';

describe('stage moves and history', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const move = (projectId: number, body: object, headers: Record<string, string> = {}) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(coordinator)).set(headers).send(body);

  it('moves forward and keeps the history in order with the days spent in each stage', async () => {
    const project = await createProject(t, coordinator, { enrolledAt: '2024-01-10' });
    expect(project.enrollments).toHaveLength(1);
    expect(project.enrollments[0]).toMatchObject({ programCode: 'demarrage', stage: { code: 'premier-contact' }, status: 'active', version: 1 });

    const first = await move(project.id, { to: 'accompagnement', occurredAt: '2024-02-09', note: 'Entente signée' }).expect(201);
    expect(first.headers.etag).toBe('"2"');
    expect(first.body.enrollment).toMatchObject({ stage: { code: 'accompagnement', milestone: 'engaged' }, version: 2 });
    expect(first.body.transition).toMatchObject({ from: 'premier-contact', to: 'accompagnement', daysInStage: 30, source: 'manual', note: 'Entente signée' });

    await move(project.id, { to: 'constitution', occurredAt: '2024-05-09' }).expect(201);

    const history = await t.http().get(`/projects/${project.id}/transitions`).set(bearer(coordinator)).expect(200);
    expect(history.body.map((h: { from: string | null; to: string; daysInStage: number | null }) => [h.from, h.to, h.daysInStage])).toEqual([
      [null, 'premier-contact', null],
      ['premier-contact', 'accompagnement', 30],
      ['accompagnement', 'constitution', 90],
    ]);
    expect(history.body[2]).toMatchObject({ programCode: 'demarrage', actor: { name: 'Test coordinator' }, occurredAt: '2024-05-09T04:00:00.000Z' });
    expect(new Date(history.body[2].recordedAt).getTime()).toBeGreaterThan(new Date(history.body[2].occurredAt).getTime());
  });

  it('lets exactly one of several parallel moves with the same If-Match win', async () => {
    const project = await createProject(t, coordinator);
    const before = await countRows(t, 'transitions');
    const targets = ['accompagnement', 'plan-affaires', 'montage-financier', 'constitution', 'en-activite'];
    const responses = await Promise.all(targets.map((to) => move(project.id, { to }, { 'if-match': '"1"' })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expectErrorShape(refused.body, 409);
      expect(refused.body.details.currentVersion).toBe(2);
    }
    expect(await countRows(t, 'transitions')).toBe(before + 1);
  });

  it('refuses an illegal move with 422 and writes nothing', async () => {
    const project = await createProject(t, coordinator);
    const before = await countRows(t, 'transitions');
    const refused = await move(project.id, { to: 'prefaisabilite' }).expect(422);
    expectErrorShape(refused.body, 422);
    expect(refused.body.message).toMatch(/prefaisabilite is not a stage of demarrage; it is a stage of transfertcoop/);
    expect(await countRows(t, 'transitions')).toBe(before);
  });
});
