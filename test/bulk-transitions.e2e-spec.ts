import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { countRows, createProject } from './support/fixtures.js';

describe('POST /transitions/bulk', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const bulk = (moves: object[], token = coordinator) =>
    t.http().post('/transitions/bulk').set(bearer(token)).send({ moves });
  const move = (projectId: number, body: object) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(coordinator)).send(body).expect(201);
  const enrollmentOf = async (projectId: number, programCode = 'demarrage') => {
    const project = await t.http().get(`/projects/${projectId}`).set(bearer(coordinator)).expect(200);
    return project.body.enrollments.find((e: { programCode: string }) => e.programCode === programCode);
  };

  it('records every move and answers with each transition and enrollment, in order', async () => {
    const first = await createProject(t, coordinator);
    const second = await createProject(t, coordinator);
    const third = await createProject(t, coordinator, { programCode: 'transfertcoop' });
    const before = await countRows(t, 'transitions');

    const response = await bulk([
      { projectId: first.id, to: 'accompagnement', note: 'Entente signée' },
      { projectId: second.id, to: 'abandoned', reason: 'Équipe dissoute' },
      { projectId: third.id, to: 'prefaisabilite', programCode: 'transfertcoop', expectedVersion: 1 },
    ]).expect(201);

    expect(response.body.moves).toHaveLength(3);
    expect(response.body.moves[0]).toEqual({
      transition: expect.objectContaining({
        from: 'premier-contact',
        to: 'accompagnement',
        note: 'Entente signée',
        source: 'manual',
      }),
      enrollment: expect.objectContaining({
        projectId: first.id,
        stage: expect.objectContaining({ code: 'accompagnement' }),
        version: 2,
      }),
    });
    expect(response.body.moves[1]).toEqual({
      transition: expect.objectContaining({ from: 'premier-contact', to: 'abandoned', reason: 'Équipe dissoute' }),
      enrollment: expect.objectContaining({
        projectId: second.id,
        status: 'abandoned',
        statusReason: 'Équipe dissoute',
      }),
    });
    expect(response.body.moves[2]).toEqual({
      transition: expect.objectContaining({ programCode: 'transfertcoop', from: 'exploration', to: 'prefaisabilite' }),
      enrollment: expect.objectContaining({
        projectId: third.id,
        stage: expect.objectContaining({ code: 'prefaisabilite' }),
        version: 2,
      }),
    });
    expect(await countRows(t, 'transitions')).toBe(before + 3);
    expect(await enrollmentOf(first.id)).toMatchObject({ stage: { code: 'accompagnement' }, version: 2 });
    expect(await enrollmentOf(second.id)).toMatchObject({ status: 'abandoned' });
    expect(await enrollmentOf(third.id, 'transfertcoop')).toMatchObject({ stage: { code: 'prefaisabilite' } });
  });

  it('records none of the moves when the third is illegal, and names moves[2] (422)', async () => {
    const first = await createProject(t, coordinator);
    const second = await createProject(t, coordinator);
    const third = await createProject(t, coordinator);
    await move(third.id, { to: 'plan-affaires' });
    const before = await countRows(t, 'transitions');

    const response = await bulk([
      { projectId: first.id, to: 'accompagnement' },
      { projectId: second.id, to: 'accompagnement' },
      { projectId: third.id, to: 'premier-contact' },
    ]).expect(422);
    expectErrorShape(response.body, 422);
    expect(response.body.message).toContain('moves[2]');
    expect(response.body.details).toMatchObject({ index: 2, projectId: third.id });

    expect(await countRows(t, 'transitions')).toBe(before);
    expect(await enrollmentOf(first.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
    expect(await enrollmentOf(second.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
    expect(await enrollmentOf(third.id)).toMatchObject({ stage: { code: 'plan-affaires' }, version: 2 });
  });

  it('refuses an unknown projectId with 422 and records nothing', async () => {
    const first = await createProject(t, coordinator);
    const before = await countRows(t, 'transitions');

    const response = await bulk([
      { projectId: first.id, to: 'accompagnement' },
      { projectId: 999999, to: 'accompagnement' },
    ]).expect(422);
    expectErrorShape(response.body, 422);
    expect(response.body.message).toContain('moves[1]');
    expect(response.body.details).toMatchObject({ index: 1, projectId: 999999 });
    expect(await countRows(t, 'transitions')).toBe(before);
    expect(await enrollmentOf(first.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
  });

  it('refuses a stale expectedVersion with 409 and records nothing', async () => {
    const first = await createProject(t, coordinator);
    const second = await createProject(t, coordinator);
    await move(second.id, { to: 'accompagnement' });
    const before = await countRows(t, 'transitions');

    const response = await bulk([
      { projectId: first.id, to: 'accompagnement', expectedVersion: 1 },
      { projectId: second.id, to: 'plan-affaires', expectedVersion: 1 },
    ]).expect(409);
    expectErrorShape(response.body, 409);
    expect(response.body.details).toMatchObject({ index: 1, currentVersion: 2 });
    expect(await countRows(t, 'transitions')).toBe(before);
    expect(await enrollmentOf(first.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
  });

  it("refuses an advisor who includes another advisor's project (403) and records nothing", async () => {
    const advisor = await t.tokenFor('advisor');
    const other = await t.tokenFor('advisor', 'advisor-b');
    const mine = await createProject(t, advisor);
    const theirs = await createProject(t, other);
    const before = await countRows(t, 'transitions');

    const response = await bulk(
      [
        { projectId: mine.id, to: 'accompagnement' },
        { projectId: theirs.id, to: 'accompagnement' },
      ],
      advisor,
    ).expect(403);
    expectErrorShape(response.body, 403);
    expect(response.body.details).toMatchObject({ index: 1, projectId: theirs.id });
    expect(await countRows(t, 'transitions')).toBe(before);
    expect(await enrollmentOf(mine.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });
    expect(await enrollmentOf(theirs.id)).toMatchObject({ stage: { code: 'premier-contact' }, version: 1 });

    const own = await bulk([{ projectId: mine.id, to: 'accompagnement' }], advisor).expect(201);
    expect(own.body.moves[0].enrollment).toMatchObject({ projectId: mine.id, stage: { code: 'accompagnement' } });
  });

  it('refuses a viewer (403)', async () => {
    const viewer = await t.tokenFor('viewer');
    const project = await createProject(t, coordinator);
    const response = await bulk([{ projectId: project.id, to: 'accompagnement' }], viewer).expect(403);
    expectErrorShape(response.body, 403);
    expect(await enrollmentOf(project.id)).toMatchObject({ version: 1 });
  });

  it('refuses an empty batch (400)', async () => {
    const before = await countRows(t, 'transitions');
    const response = await bulk([]).expect(400);
    expectErrorShape(response.body, 400);
    expect(await countRows(t, 'transitions')).toBe(before);
  });

  it('refuses a move without a reason to abandon (400) and records nothing', async () => {
    const project = await createProject(t, coordinator);
    const before = await countRows(t, 'transitions');
    const response = await bulk([
      { projectId: project.id, to: 'accompagnement' },
      { projectId: project.id, to: 'abandoned' },
    ]).expect(400);
    expectErrorShape(response.body, 400);
    expect(await countRows(t, 'transitions')).toBe(before);
  });

  describe('a bulk of 1,000 moves refused by its last one', () => {
    /** 999 moves the rules accept: the projects abandoned, reopened, abandoned... in turn; the last ends abandoned. */
    const acceptedMoves = (projectIds: number[]) =>
      Array.from({ length: 999 }, (_, i) => {
        const projectId = projectIds[i % projectIds.length];
        const abandon = Math.floor(i / projectIds.length) % 2 === 0;
        return abandon ? { projectId, to: 'abandoned', reason: 'Équipe en pause' } : { projectId, to: 'reopen' };
      });
    const projectsOf = (token: string) =>
      Promise.all(Array.from({ length: 10 }, async () => (await createProject(t, token)).id as number));
    const expectUnmoved = async (projectIds: number[]) => {
      for (const id of projectIds) {
        expect(await enrollmentOf(id)).toMatchObject({
          stage: { code: 'premier-contact' },
          status: 'active',
          version: 1,
        });
      }
    };

    it('names an unknown project at moves[999] (422) and records nothing', async () => {
      const projectIds = await projectsOf(coordinator);
      const before = await countRows(t, 'transitions');

      const response = await bulk([...acceptedMoves(projectIds), { projectId: 999999, to: 'accompagnement' }]).expect(
        422,
      );
      expect(response.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'moves[999] (project 999999): Project 999999 does not exist; no move was recorded',
        details: { index: 999, projectId: 999999 },
      });
      expect(await countRows(t, 'transitions')).toBe(before);
      await expectUnmoved(projectIds);
    });

    it("refuses a last move the rules refuse after the bulk's own earlier moves (422) and records nothing", async () => {
      const projectIds = await projectsOf(coordinator);
      const before = await countRows(t, 'transitions');

      // The 999 moves leave the last project abandoned: moving it to a stage needs a reopen first.
      const last = projectIds[9];
      const response = await bulk([...acceptedMoves(projectIds), { projectId: last, to: 'accompagnement' }]).expect(
        422,
      );
      expect(response.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message:
          `moves[999] (project ${last}): The enrollment is abandoned: reopen it before moving it to a stage; ` +
          'no move was recorded',
        details: { index: 999, projectId: last },
      });
      expect(await countRows(t, 'transitions')).toBe(before);
      await expectUnmoved(projectIds);
    });

    it("refuses an advisor whose last move is another advisor's project (403) and records nothing", async () => {
      const advisor = await t.tokenFor('advisor', 'advisor-bulk-a');
      const other = await t.tokenFor('advisor', 'advisor-bulk-b');
      const projectIds = await projectsOf(advisor);
      const theirs = (await createProject(t, other)).id;
      const before = await countRows(t, 'transitions');

      const moves = [...acceptedMoves(projectIds), { projectId: theirs, to: 'accompagnement' }];
      const response = await bulk(moves, advisor).expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message:
          `moves[999] (project ${theirs}): Project ${theirs} is assigned to another advisor: ` +
          'only they or a coordinator can change it; no move was recorded',
        details: { index: 999, projectId: theirs },
      });
      expect(await countRows(t, 'transitions')).toBe(before);
      await expectUnmoved([...projectIds, theirs]);
    });

    it('names a second move of a project that its first move in the bulk makes illegal (422)', async () => {
      const project = (await createProject(t, coordinator)).id;
      const before = await countRows(t, 'transitions');

      const response = await bulk([
        { projectId: project, to: 'plan-affaires', expectedVersion: 1 },
        { projectId: project, to: 'accompagnement' },
      ]).expect(422);
      expect(response.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message:
          `moves[1] (project ${project}): Moving back from plan-affaires to accompagnement needs a note saying why; ` +
          'no move was recorded',
        details: { index: 1, projectId: project },
      });
      expect(await countRows(t, 'transitions')).toBe(before);
      await expectUnmoved([project]);
    });
  });

  it('applies two moves of the same project in sequence', async () => {
    const project = await createProject(t, coordinator, { enrolledAt: '2024-01-10' });

    const response = await bulk([
      { projectId: project.id, to: 'accompagnement', occurredAt: '2024-02-09', expectedVersion: 1 },
      { projectId: project.id, to: 'plan-affaires', occurredAt: '2024-03-10', expectedVersion: 2 },
    ]).expect(201);
    expect(
      response.body.moves.map((m: { transition: { from: string; to: string; daysInStage: number } }) => [
        m.transition.from,
        m.transition.to,
        m.transition.daysInStage,
      ]),
    ).toEqual([
      ['premier-contact', 'accompagnement', 30],
      ['accompagnement', 'plan-affaires', 30],
    ]);
    expect(response.body.moves[0].enrollment).toMatchObject({ stage: { code: 'accompagnement' }, version: 2 });
    expect(response.body.moves[1].enrollment).toMatchObject({ stage: { code: 'plan-affaires' }, version: 3 });

    const history = await t.http().get(`/projects/${project.id}/transitions`).set(bearer(coordinator)).expect(200);
    expect(history.body.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'premier-contact'],
      ['premier-contact', 'accompagnement'],
      ['accompagnement', 'plan-affaires'],
    ]);
  });
});
