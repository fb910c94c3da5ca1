import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { countRows, createProject } from './support/fixtures.js';

/**
 * Two counters, each with its resource and its ETag: a project's version (its fields, PATCH
 * /projects/:id) and each enrollment's version (its moves). A client that sends back the ETag it
 * read, to the operation that resource's ETag is for, never gets a spurious 409.
 */
describe('ETags that round-trip', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const enrollmentPath = (projectId: number, programCode = 'demarrage') =>
    `/projects/${projectId}/enrollments/${programCode}`;
  const readEnrollment = (projectId: number, token = coordinator, programCode = 'demarrage') =>
    t.http().get(enrollmentPath(projectId, programCode)).set(bearer(token));
  const move = (projectId: number, body: object, ifMatch?: string) => {
    const request = t.http().post(`/projects/${projectId}/transitions`).set(bearer(coordinator));
    return (ifMatch === undefined ? request : request.set('if-match', ifMatch)).send(body);
  };

  it('answers an enrollment as the project shows it, with its version as ETag', async () => {
    const project = await createProject(t, coordinator);
    const read = await readEnrollment(project.id).expect(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(project.enrollments[0]);
    expect(read.body).toMatchObject({ programCode: 'demarrage', stage: { code: 'premier-contact' }, version: 1 });
  });

  it('moves with the ETag read (201 and a new ETag), then refuses the same stale ETag (409)', async () => {
    const project = await createProject(t, coordinator);
    const { etag } = (await readEnrollment(project.id).expect(200)).headers;

    const moved = await move(project.id, { to: 'accompagnement' }, etag).expect(201);
    expect(moved.headers.etag).toBe('"2"');
    expect(moved.headers.etag).not.toBe(etag);
    expect(moved.body.enrollment.version).toBe(2);
    expect((await readEnrollment(project.id).expect(200)).headers.etag).toBe(moved.headers.etag);

    const before = await countRows(t, 'transitions');
    const stale = await move(project.id, { to: 'plan-affaires' }, etag).expect(409);
    expectErrorShape(stale.body, 409);
    expect(stale.body.details).toMatchObject({ currentVersion: 2, stage: 'accompagnement', status: 'active' });
    expect(await countRows(t, 'transitions')).toBe(before);

    await move(project.id, { to: 'plan-affaires' }, moved.headers.etag).expect(201);
  });

  it("keeps the project's ETag for PATCH /projects/:id: moves do not change it", async () => {
    const project = await createProject(t, coordinator);
    await move(project.id, { to: 'accompagnement' }).expect(201);

    const read = await t.http().get(`/projects/${project.id}`).set(bearer(coordinator)).expect(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.enrollments[0].version).toBe(2);

    const patched = await t
      .http()
      .patch(`/projects/${project.id}`)
      .set(bearer(coordinator))
      .set('if-match', read.headers.etag)
      .send({ entrepreneurCount: 5 })
      .expect(200);
    expect(patched.headers.etag).toBe('"2"');
    expect(patched.body).toMatchObject({ entrepreneurCount: 5, version: 2 });

    const stale = await t
      .http()
      .patch(`/projects/${project.id}`)
      .set(bearer(coordinator))
      .set('if-match', read.headers.etag)
      .send({ entrepreneurCount: 6 })
      .expect(409);
    expect(stale.body.details).toEqual({ currentVersion: 2 });

    // A PATCH of the project bumps the project's version, not the enrollment's: its ETag still moves it.
    const enrollment = await readEnrollment(project.id).expect(200);
    expect(enrollment.headers.etag).toBe('"2"');
    await move(project.id, { to: 'plan-affaires' }, enrollment.headers.etag).expect(201);
  });

  it("shows in GET /projects/:id each enrollment's version, the ETag of that enrollment", async () => {
    const project = await createProject(t, coordinator);
    await t
      .http()
      .post(`/projects/${project.id}/enrollments`)
      .set(bearer(coordinator))
      .send({ programCode: 'transfertcoop' })
      .expect(201);
    await move(project.id, { to: 'accompagnement', programCode: 'demarrage' }).expect(201);

    const read = await t.http().get(`/projects/${project.id}`).set(bearer(coordinator)).expect(200);
    for (const enrollment of read.body.enrollments as { programCode: string; version: number }[]) {
      const own = await readEnrollment(project.id, coordinator, enrollment.programCode).expect(200);
      expect(own.headers.etag).toBe(`"${enrollment.version}"`);
    }
    expect(read.body.enrollments.map((e: { version: number }) => e.version)).toEqual([2, 1]);
  });

  it('answers a cohort change with the new ETag, which the next move expects', async () => {
    const project = await createProject(t, coordinator);
    const { etag } = (await readEnrollment(project.id).expect(200)).headers;
    const changed = await t
      .http()
      .patch(enrollmentPath(project.id))
      .set(bearer(coordinator))
      .send({ cohortId: null })
      .expect(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body.version).toBe(2);

    await move(project.id, { to: 'accompagnement' }, etag).expect(409);
    await move(project.id, { to: 'accompagnement' }, changed.headers.etag).expect(201);
  });

  it('lets a viewer read the enrollment without its free text', async () => {
    const project = await createProject(t, coordinator);
    await move(project.id, { to: 'on_hold', reason: 'Le fondateur est malade' }).expect(201);
    const viewer = await t.tokenFor('viewer');

    const asViewer = await readEnrollment(project.id, viewer).expect(200);
    expect(asViewer.headers.etag).toBe('"2"');
    expect(asViewer.body).toMatchObject({ status: 'on_hold', version: 2 });
    expect(asViewer.body).not.toHaveProperty('statusReason');

    const asStaff = await readEnrollment(project.id).expect(200);
    expect(asStaff.body).toMatchObject({ status: 'on_hold', statusReason: 'Le fondateur est malade' });
  });

  it('answers 404 for a program the project is not enrolled in, an unknown program or project', async () => {
    const project = await createProject(t, coordinator);
    for (const path of [
      enrollmentPath(project.id, 'transfertcoop'),
      enrollmentPath(project.id, 'no-such-program'),
      enrollmentPath(2_147_483_647),
    ]) {
      const response = await t.http().get(path).set(bearer(coordinator)).expect(404);
      expectErrorShape(response.body, 404);
      expect(response.headers.etag).toBeUndefined();
    }
  });
});
