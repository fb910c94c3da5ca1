import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { countRows, createProject } from './support/fixtures.js';

interface Entry {
  from: string | null;
  to: string;
  programCode: string;
}

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
    expect(project.enrollments[0]).toMatchObject({
      programCode: 'demarrage',
      stage: { code: 'premier-contact' },
      status: 'active',
      version: 1,
    });

    const first = await move(project.id, {
      to: 'accompagnement',
      occurredAt: '2024-02-09',
      note: 'Entente signée',
    }).expect(201);
    expect(first.headers.etag).toBe('"2"');
    expect(first.body.enrollment).toMatchObject({
      stage: { code: 'accompagnement', milestone: 'engaged' },
      version: 2,
    });
    expect(first.body.transition).toMatchObject({
      from: 'premier-contact',
      to: 'accompagnement',
      daysInStage: 30,
      source: 'manual',
      note: 'Entente signée',
    });

    await move(project.id, { to: 'constitution', occurredAt: '2024-05-09' }).expect(201);

    const history = await t.http().get(`/projects/${project.id}/transitions`).set(bearer(coordinator)).expect(200);
    expect(
      history.body.map((h: { from: string | null; to: string; daysInStage: number | null }) => [
        h.from,
        h.to,
        h.daysInStage,
      ]),
    ).toEqual([
      [null, 'premier-contact', null],
      ['premier-contact', 'accompagnement', 30],
      ['accompagnement', 'constitution', 90],
    ]);
    expect(history.body[2]).toMatchObject({
      programCode: 'demarrage',
      actor: { name: 'Test coordinator' },
      occurredAt: '2024-05-09T04:00:00.000Z',
    });
    expect(new Date(history.body[2].recordedAt).getTime()).toBeGreaterThan(
      new Date(history.body[2].occurredAt).getTime(),
    );
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
  const history = (projectId: number, query: Record<string, string> = {}) =>
    t.http().get(`/projects/${projectId}/transitions`).query(query).set(bearer(coordinator));
  const enrollmentOf = async (projectId: number, programCode = 'demarrage') => {
    const project = await t.http().get(`/projects/${projectId}`).set(bearer(coordinator)).expect(200);
    return project.body.enrollments.find((e: { programCode: string }) => e.programCode === programCode);
  };

  describe('backward moves, abandon, on hold and reopen', () => {
    it('refuses a backward move without a note (422) and records one with a note', async () => {
      const project = await createProject(t, coordinator);
      await move(project.id, { to: 'plan-affaires' }).expect(201);
      const before = await countRows(t, 'transitions');

      const refused = await move(project.id, { to: 'accompagnement' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toMatch(/note/);
      expect(await countRows(t, 'transitions')).toBe(before);
      expect(await enrollmentOf(project.id)).toMatchObject({ stage: { code: 'plan-affaires' }, version: 2 });

      const back = await move(project.id, { to: 'accompagnement', note: "Plan d'affaires à reprendre" }).expect(201);
      expect(back.body.transition).toMatchObject({
        from: 'plan-affaires',
        to: 'accompagnement',
        note: "Plan d'affaires à reprendre",
        kind: 'move',
      });
      expect(back.body.enrollment).toMatchObject({ stage: { code: 'accompagnement' }, status: 'active', version: 3 });
      expect(await countRows(t, 'transitions')).toBe(before + 1);
    });

    it('needs a reason to abandon (400), then abandons without changing the stage', async () => {
      const project = await createProject(t, coordinator);
      await move(project.id, { to: 'accompagnement' }).expect(201);
      const before = await countRows(t, 'transitions');

      const refused = await move(project.id, { to: 'abandoned' }).expect(400);
      expectErrorShape(refused.body, 400);
      expect(refused.body.message).toMatch(/reason/);
      expect(await countRows(t, 'transitions')).toBe(before);

      const abandoned = await move(project.id, { to: 'abandoned', reason: 'Financement refusé' }).expect(201);
      expect(abandoned.body.enrollment).toMatchObject({
        stage: { code: 'accompagnement' },
        status: 'abandoned',
        statusReason: 'Financement refusé',
        version: 3,
      });
      expect(abandoned.body.transition).toMatchObject({
        from: 'accompagnement',
        to: 'abandoned',
        reason: 'Financement refusé',
      });
      expect(await enrollmentOf(project.id)).toMatchObject({
        stage: { code: 'accompagnement' },
        status: 'abandoned',
        statusReason: 'Financement refusé',
      });
    });

    it('refuses to move an abandoned enrollment to a stage (422, reopen first), then reopens it in the same stage', async () => {
      const project = await createProject(t, coordinator);
      await move(project.id, { to: 'accompagnement' }).expect(201);
      await move(project.id, { to: 'abandoned', reason: 'Équipe dissoute' }).expect(201);
      const before = await countRows(t, 'transitions');

      const refused = await move(project.id, { to: 'plan-affaires' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toMatch(/reopen/);
      expect(await countRows(t, 'transitions')).toBe(before);

      const reopened = await move(project.id, { to: 'reopen', note: "L'équipe revient" }).expect(201);
      expect(reopened.body.enrollment).toMatchObject({
        stage: { code: 'accompagnement' },
        status: 'active',
        statusReason: null,
        version: 4,
      });
      expect(reopened.body.transition).toMatchObject({ from: 'abandoned', to: 'accompagnement' });

      await move(project.id, { to: 'plan-affaires' }).expect(201);
    });

    it('puts an enrollment on hold with a reason and reopens it', async () => {
      const project = await createProject(t, coordinator);
      const held = await move(project.id, { to: 'on_hold', reason: 'Congé parental' }).expect(201);
      expect(held.body.enrollment).toMatchObject({
        stage: { code: 'premier-contact' },
        status: 'on_hold',
        statusReason: 'Congé parental',
      });
      expect(held.body.transition).toMatchObject({ from: 'premier-contact', to: 'on_hold', reason: 'Congé parental' });

      const stuck = await move(project.id, { to: 'accompagnement' }).expect(422);
      expectErrorShape(stuck.body, 422);
      expect(stuck.body.message).toMatch(/reopen/);

      const reopened = await move(project.id, { to: 'reopen' }).expect(201);
      expect(reopened.body.enrollment).toMatchObject({
        stage: { code: 'premier-contact' },
        status: 'active',
        statusReason: null,
      });
      expect(reopened.body.transition).toMatchObject({ from: 'on_hold', to: 'premier-contact' });
    });

    it('needs a reason to put on hold (400)', async () => {
      const project = await createProject(t, coordinator);
      const refused = await move(project.id, { to: 'on_hold' }).expect(400);
      expectErrorShape(refused.body, 400);
      expect(await enrollmentOf(project.id)).toMatchObject({ status: 'active', version: 1 });
    });

    it('refuses to reopen an active enrollment (422)', async () => {
      const project = await createProject(t, coordinator);
      const before = await countRows(t, 'transitions');
      const refused = await move(project.id, { to: 'reopen' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toMatch(/active/);
      expect(await countRows(t, 'transitions')).toBe(before);
    });
  });

  describe('moves the rules refuse', () => {
    it('refuses an occurredAt in the future (422)', async () => {
      const project = await createProject(t, coordinator);
      const before = await countRows(t, 'transitions');
      const refused = await move(project.id, { to: 'accompagnement', occurredAt: '2099-01-01' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toMatch(/future/);
      expect(await countRows(t, 'transitions')).toBe(before);
    });

    it('refuses an occurredAt before the previous move (422)', async () => {
      const project = await createProject(t, coordinator, { enrolledAt: '2024-01-10' });
      await move(project.id, { to: 'accompagnement', occurredAt: '2024-03-01' }).expect(201);
      const before = await countRows(t, 'transitions');

      const refused = await move(project.id, { to: 'plan-affaires', occurredAt: '2024-02-01' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toMatch(/before the previous move/);
      expect(await countRows(t, 'transitions')).toBe(before);
      expect(await enrollmentOf(project.id)).toMatchObject({ stage: { code: 'accompagnement' }, version: 2 });
    });

    it('refuses a move to the current stage (422)', async () => {
      const project = await createProject(t, coordinator);
      const refused = await move(project.id, { to: 'premier-contact' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toMatch(/already at stage premier-contact/);
      expect(await enrollmentOf(project.id)).toMatchObject({ version: 1 });
    });

    it("refuses an unknown target (422) and lists the program's stages", async () => {
      const project = await createProject(t, coordinator);
      const refused = await move(project.id, { to: 'nowhere' }).expect(422);
      expectErrorShape(refused.body, 422);
      expect(refused.body.message).toContain('nowhere is not a stage of demarrage');
      expect(refused.body.message).toContain(
        'premier-contact, accompagnement, plan-affaires, montage-financier, constitution, en-activite',
      );
    });

    it('needs programCode (422) when the project has two enrollments, and filters the history by program', async () => {
      const project = await createProject(t, coordinator);
      await t
        .http()
        .post(`/projects/${project.id}/enrollments`)
        .set(bearer(coordinator))
        .send({ programCode: 'transfertcoop' })
        .expect(201);
      const before = await countRows(t, 'transitions');

      const ambiguous = await move(project.id, { to: 'prefaisabilite' }).expect(422);
      expectErrorShape(ambiguous.body, 422);
      expect(ambiguous.body.message).toMatch(/programCode/);
      expect(await countRows(t, 'transitions')).toBe(before);

      const moved = await move(project.id, { to: 'prefaisabilite', programCode: 'transfertcoop' }).expect(201);
      expect(moved.body.enrollment).toMatchObject({ programCode: 'transfertcoop', stage: { code: 'prefaisabilite' } });
      expect(moved.body.transition).toMatchObject({
        programCode: 'transfertcoop',
        from: 'exploration',
        to: 'prefaisabilite',
      });
      expect(await enrollmentOf(project.id, 'demarrage')).toMatchObject({
        stage: { code: 'premier-contact' },
        version: 1,
      });

      const all = await history(project.id).expect(200);
      expect(all.body).toHaveLength(3);
      const transfer = await history(project.id, { programCode: 'transfertcoop' }).expect(200);
      expect(transfer.body.map((h: Entry) => [h.programCode, h.from, h.to])).toEqual([
        ['transfertcoop', null, 'exploration'],
        ['transfertcoop', 'exploration', 'prefaisabilite'],
      ]);
      const demarrage = await history(project.id, { programCode: 'demarrage' }).expect(200);
      expect(demarrage.body.map((h: Entry) => [h.programCode, h.from, h.to])).toEqual([
        ['demarrage', null, 'premier-contact'],
      ]);
    });

    it('answers 404 for the history of an unknown project', async () => {
      const response = await history(999999).expect(404);
      expectErrorShape(response.body, 404);
    });
  });

  describe('history entries', () => {
    it('show from, to, when, who, note, reason, source and days, with abandon and reopen as statuses', async () => {
      const project = await createProject(t, coordinator, { enrolledAt: '2024-01-10' });
      const coordinatorId = await t.userIdFor('coordinator');
      await move(project.id, { to: 'accompagnement', occurredAt: '2024-02-09', note: 'Entente signée' }).expect(201);
      await move(project.id, { to: 'abandoned', occurredAt: '2024-03-10', reason: 'Financement refusé' }).expect(201);
      await move(project.id, { to: 'reopen', occurredAt: '2024-04-09', note: 'Nouveau prêteur' }).expect(201);

      const response = await history(project.id).expect(200);
      expect(response.body).toHaveLength(4);
      for (const entry of response.body) {
        expect(entry).toEqual(
          expect.objectContaining({
            to: expect.any(String),
            occurredAt: expect.any(String),
            recordedAt: expect.any(String),
            actor: { id: coordinatorId, name: 'Test coordinator' },
            source: 'manual',
          }),
        );
        expect(entry).toHaveProperty('from');
        expect(entry).toHaveProperty('note');
        expect(entry).toHaveProperty('reason');
        expect(entry).toHaveProperty('daysInStage');
      }
      expect(
        response.body.map(
          (
            h: Entry & { note: string | null; reason: string | null; daysInStage: number | null; occurredAt: string },
          ) => [h.from, h.to, h.occurredAt, h.note, h.reason, h.daysInStage],
        ),
      ).toEqual([
        [null, 'premier-contact', '2024-01-10T05:00:00.000Z', null, null, null],
        ['premier-contact', 'accompagnement', '2024-02-09T05:00:00.000Z', 'Entente signée', null, 30],
        ['accompagnement', 'abandoned', '2024-03-10T05:00:00.000Z', null, 'Financement refusé', 30],
        ['abandoned', 'accompagnement', '2024-04-09T04:00:00.000Z', 'Nouveau prêteur', null, 30],
      ]);
    });
  });

  describe('versions: If-Match and expectedVersion', () => {
    it('accepts a matching If-Match and answers with the ETag of the new version', async () => {
      const project = await createProject(t, coordinator);
      const moved = await move(project.id, { to: 'accompagnement' }, { 'if-match': '"1"' }).expect(201);
      expect(moved.headers.etag).toBe('"2"');
      expect(moved.body.enrollment.version).toBe(2);
      const again = await move(project.id, { to: 'plan-affaires' }, { 'if-match': moved.headers.etag }).expect(201);
      expect(again.headers.etag).toBe('"3"');
    });

    it('refuses an If-Match that is not a version (400)', async () => {
      const project = await createProject(t, coordinator);
      const refused = await move(project.id, { to: 'accompagnement' }, { 'if-match': '"abc"' }).expect(400);
      expectErrorShape(refused.body, 400);
      expect(await enrollmentOf(project.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
    });

    it('reads expectedVersion in the body like If-Match', async () => {
      const project = await createProject(t, coordinator);
      const moved = await move(project.id, { to: 'accompagnement', expectedVersion: 1 }).expect(201);
      expect(moved.headers.etag).toBe('"2"');

      const stale = await move(project.id, { to: 'plan-affaires', expectedVersion: 1 }).expect(409);
      expectErrorShape(stale.body, 409);
      expect(stale.body.details.currentVersion).toBe(2);
      expect(await enrollmentOf(project.id)).toMatchObject({ stage: { code: 'accompagnement' }, version: 2 });
    });

    it('refuses If-Match and expectedVersion that disagree (400)', async () => {
      const project = await createProject(t, coordinator);
      const before = await countRows(t, 'transitions');
      const refused = await move(
        project.id,
        { to: 'accompagnement', expectedVersion: 2 },
        { 'if-match': '"1"' },
      ).expect(400);
      expectErrorShape(refused.body, 400);
      expect(await countRows(t, 'transitions')).toBe(before);

      await move(project.id, { to: 'accompagnement', expectedVersion: 1 }, { 'if-match': '"1"' }).expect(201);
    });
  });

  describe('who may move a project', () => {
    it("lets an advisor move their own project but not another advisor's (403)", async () => {
      const advisor = await t.tokenFor('advisor');
      const other = await t.tokenFor('advisor', 'advisor-b');
      const mine = await createProject(t, advisor);
      const theirs = await createProject(t, other);

      const moved = await t
        .http()
        .post(`/projects/${mine.id}/transitions`)
        .set(bearer(advisor))
        .send({ to: 'accompagnement' })
        .expect(201);
      expect(moved.body.transition.actor).toEqual({ id: await t.userIdFor('advisor'), name: 'Test advisor' });

      const before = await countRows(t, 'transitions');
      const refused = await t
        .http()
        .post(`/projects/${theirs.id}/transitions`)
        .set(bearer(advisor))
        .send({ to: 'accompagnement' })
        .expect(403);
      expectErrorShape(refused.body, 403);
      expect(await countRows(t, 'transitions')).toBe(before);
      expect(await enrollmentOf(theirs.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
    });

    it('refuses a viewer (403)', async () => {
      const viewer = await t.tokenFor('viewer');
      const project = await createProject(t, coordinator);
      const before = await countRows(t, 'transitions');
      const refused = await t
        .http()
        .post(`/projects/${project.id}/transitions`)
        .set(bearer(viewer))
        .send({ to: 'accompagnement' })
        .expect(403);
      expectErrorShape(refused.body, 403);
      expect(await countRows(t, 'transitions')).toBe(before);
    });
  });
});
