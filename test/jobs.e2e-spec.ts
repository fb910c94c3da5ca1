import { localDateOf } from '../src/common/time.js';
import { FollowUp } from '../src/follow-ups/follow-up.entity.js';
import { Organization } from '../src/organizations/organization.entity.js';
import { countRows, createProject } from './support/fixtures.js';
import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

describe('jobs created, maintained, and a co-op’s workers', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const move = (projectId: number, body: object, token = coordinator) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(token)).send(body);
  const recordJobs = (projectId: number, body: object, token = coordinator) =>
    t.http().post(`/projects/${projectId}/jobs`).set(bearer(token)).send(body);
  const jobsOf = async (projectId: number, token = coordinator) =>
    (await t.http().get(`/projects/${projectId}/jobs`).set(bearer(token)).expect(200)).body;
  const startUp = () => createProject(t, coordinator, { enrolledAt: '2024-01-10' });
  const takeover = () =>
    createProject(t, coordinator, { kind: 'transfer', programCode: 'transfertcoop', enrolledAt: '2024-01-10' });
  const newCoop = () =>
    t.dataSource.getRepository(Organization).save({
      name: 'Coop test',
      searchName: 'coop test',
      coopType: 'worker',
      region: '06',
      sector: 'menuiserie',
    });

  it('records the jobs a move to the incorporated stage carries, as created by a start-up, dated by the move', async () => {
    const project = await startUp();
    const moved = await move(project.id, { to: 'constitution', occurredAt: '2024-05-09T14:00:00Z', jobs: 5 }).expect(
      201,
    );
    const jobs = await jobsOf(project.id);
    expect(jobs).toMatchObject({ projectId: project.id, created: 5, maintained: null });
    expect(jobs.counts).toEqual([
      {
        id: expect.any(Number),
        kind: 'created',
        jobs: 5,
        countedOn: '2024-05-09',
        transitionId: moved.body.transition.id,
        recordedBy: { id: await t.userIdFor('coordinator'), name: expect.any(String) },
        recordedAt: expect.any(String),
      },
    ]);
  });

  it('records a takeover’s jobs as maintained when it reaches its incorporated stage (the takeover closes)', async () => {
    const project = await takeover();
    await move(project.id, { to: 'constitution-achat', occurredAt: '2024-06-01', jobs: 8 }).expect(201);
    expect(await jobsOf(project.id)).toMatchObject({ created: null, maintained: 8 });
  });

  it('carries jobs in a bulk move too', async () => {
    const [a, b] = [await startUp(), await takeover()];
    await t
      .http()
      .post('/transitions/bulk')
      .set(bearer(coordinator))
      .send({
        moves: [
          { projectId: a.id, to: 'constitution', jobs: 3 },
          { projectId: b.id, to: 'constitution-achat', jobs: 11 },
        ],
      })
      .expect(201);
    expect(await jobsOf(a.id)).toMatchObject({ created: 3, maintained: null });
    expect(await jobsOf(b.id)).toMatchObject({ created: null, maintained: 11 });
  });

  it('refuses jobs on a move that does not reach the incorporated stage, and records neither the move nor the jobs', async () => {
    const project = await startUp();
    const before = { transitions: await countRows(t, 'transitions'), jobs: await countRows(t, 'job_counts') };
    const refused = await move(project.id, { to: 'accompagnement', jobs: 4 }).expect(422);
    expectErrorShape(refused.body, 422);
    expect(refused.body.message).toContain('jobs come with a move to the incorporated stage (constitution)');
    expect({ transitions: await countRows(t, 'transitions'), jobs: await countRows(t, 'job_counts') }).toEqual(before);
  });

  it('records a count by hand once the project has incorporated; the latest is the figure and the earlier ones stay', async () => {
    const project = await startUp();
    const early = await recordJobs(project.id, { kind: 'created', jobs: 2 }).expect(422);
    expect(early.body.message).toContain('has not reached its incorporated milestone');

    // Incorporated, then in operation: it has still reached incorporation.
    await move(project.id, { to: 'constitution', occurredAt: '2024-03-01' }).expect(201);
    await move(project.id, { to: 'en-activite', occurredAt: '2024-04-01' }).expect(201);
    await recordJobs(project.id, { kind: 'created', jobs: 4, countedOn: '2024-03-01' }).expect(201);
    const later = await recordJobs(project.id, { kind: 'created', jobs: 6, countedOn: '2024-09-30' }).expect(201);
    expect(later.body).toMatchObject({ created: 6, maintained: null });
    expect(later.body.counts.map((c: { jobs: number; countedOn: string }) => [c.jobs, c.countedOn])).toEqual([
      [6, '2024-09-30'],
      [4, '2024-03-01'],
    ]);
    const today = localDateOf(new Date());
    const undated = await recordJobs(project.id, { kind: 'created', jobs: 7 }).expect(201);
    expect(undated.body.counts[0]).toMatchObject({ jobs: 7, countedOn: today, transitionId: null });
  });

  it('refuses jobs maintained for a start-up: only a takeover keeps jobs', async () => {
    const project = await startUp();
    await move(project.id, { to: 'constitution' }).expect(201);
    const refused = await recordJobs(project.id, { kind: 'maintained', jobs: 3 }).expect(422);
    expect(refused.body.message).toContain('only a takeover (kind transfer) maintains jobs');
  });

  it.each([
    [{ kind: 'created', jobs: -1 }, 'jobs'],
    [{ kind: 'created', jobs: 1.5 }, 'jobs'],
    [{ kind: 'created', jobs: '3' }, 'jobs'],
    [{ kind: 'created', jobs: 10_001 }, 'jobs'],
    [{ kind: 'created' }, 'jobs'],
    [{ kind: 'hired', jobs: 3 }, 'kind'],
    [{ kind: 'created', jobs: 3, countedOn: '2024-02-30' }, 'countedOn'],
    [{ kind: 'created', jobs: 3, countedOn: '2999-01-01' }, 'countedOn'],
    [{ kind: 'created', jobs: 3, extra: true }, 'extra'],
  ])('answers 400 naming the field for %j, and records nothing', async (body, field) => {
    const project = await startUp();
    await move(project.id, { to: 'constitution' }).expect(201);
    const before = await countRows(t, 'job_counts');
    const refused = await recordJobs(project.id, body).expect(400);
    expectErrorShape(refused.body, 400);
    expect(fieldsOf(refused.body)).toContain(field);
    expect(await countRows(t, 'job_counts')).toBe(before);
  });

  it('refuses a negative count on a move with 400, and moves nothing', async () => {
    const project = await startUp();
    const refused = await move(project.id, { to: 'constitution', jobs: -2 }).expect(400);
    expect(fieldsOf(refused.body)).toContain('jobs');
    expect((await jobsOf(project.id)).counts).toEqual([]);
  });

  it('lets viewers read jobs but not record them, and an advisor record only on their own projects', async () => {
    const viewer = await t.tokenFor('viewer');
    const advisor = await t.tokenFor('advisor');
    const theirs = await createProject(t, coordinator, { advisorId: await t.userIdFor('advisor') });
    const another = await startUp();
    for (const p of [theirs, another]) await move(p.id, { to: 'constitution' }).expect(201);

    await recordJobs(theirs.id, { kind: 'created', jobs: 2 }, viewer).expect(403);
    await recordJobs(another.id, { kind: 'created', jobs: 2 }, advisor).expect(403);
    await recordJobs(theirs.id, { kind: 'created', jobs: 2 }, advisor).expect(201);
    expect(await jobsOf(theirs.id, viewer)).toMatchObject({ created: 2 });
    await t.http().get('/projects/999999/jobs').set(bearer(viewer)).expect(404);
  });

  it('records a co-op’s workers, dated, the latest being the figure', async () => {
    const coop = await newCoop();
    const none = await t.http().get(`/organizations/${coop.id}/jobs`).set(bearer(coordinator)).expect(200);
    expect(none.body).toEqual({ organizationId: coop.id, workers: null, counts: [] });

    const post = (body: object, token = coordinator) =>
      t.http().post(`/organizations/${coop.id}/jobs`).set(bearer(token)).send(body);
    await post({ workers: 12, countedOn: '2023-06-01' }).expect(201);
    const advisor = await t.tokenFor('advisor');
    const latest = await post({ workers: 14, countedOn: '2024-02-01' }, advisor).expect(201);
    expect(latest.body).toMatchObject({ organizationId: coop.id, workers: 14 });
    expect(latest.body.counts.map((c: { kind: string; jobs: number }) => [c.kind, c.jobs])).toEqual([
      ['workers', 14],
      ['workers', 12],
    ]);

    await post({ workers: 3 }, await t.tokenFor('viewer')).expect(403);
    const before = await countRows(t, 'job_counts');
    expect(fieldsOf((await post({ workers: -3 }).expect(400)).body)).toContain('workers');
    await t.http().post('/organizations/999999/jobs').set(bearer(coordinator)).send({ workers: 3 }).expect(404);
    expect(await countRows(t, 'job_counts')).toBe(before);
  });

  it('records the workers a team told a check-in as its advisor closes the check-in, and only then', async () => {
    const project = await startUp();
    const followUps = t.dataSource.getRepository(FollowUp);
    const task = (kind: 'task' | 'check_in') =>
      followUps.save({
        projectId: project.id,
        assigneeId: null,
        dueOn: '2024-10-01',
        note: 'Suivi 30 jours après la cohorte',
        kind,
        sourceKey: null,
        createdById: null,
        doneAt: null,
        doneById: null,
        outcome: null,
      });
    const close = (id: number, body: object) => t.http().patch(`/follow-ups/${id}`).set(bearer(coordinator)).send(body);
    const checkIn = await task('check_in');
    const plain = await task('task');
    const before = await countRows(t, 'job_counts');

    const notClosing = await close(checkIn.id, { workers: 6, outcome: 'Constituée' }).expect(422);
    expect(notClosing.body.message).toContain('recorded as the check-in is closed (done: true)');
    expect((await close(plain.id, { done: true, workers: 6 }).expect(422)).body.message).toContain('is a task');
    expect(fieldsOf((await close(checkIn.id, { done: true, workers: -1 }).expect(400)).body)).toContain('workers');
    expect(await countRows(t, 'job_counts')).toBe(before);
    expect((await followUps.findOneByOrFail({ id: plain.id })).doneAt).toBeNull();

    const closed = await close(checkIn.id, { done: true, workers: 6, outcome: 'Constituée en mai' }).expect(200);
    expect(closed.body).toMatchObject({ state: 'done', outcome: 'Constituée en mai' });
    expect(await jobsOf(project.id)).toMatchObject({ created: null, maintained: null, workers: 6 });
    expect((await jobsOf(project.id)).counts[0]).toMatchObject({ kind: 'workers', countedOn: localDateOf(new Date()) });
  });
});
