import { DateTime } from 'luxon';
import type { Response } from 'supertest';
import { LOCAL_ZONE } from '../src/common/time.js';
import { FollowUp } from '../src/follow-ups/follow-up.entity.js';
import type { Role } from '../src/users/user.entity.js';
import { auditCount, auditOf, type AuditItem } from './support/audit.js';
import { createProject } from './support/fixtures.js';
import { ROLES } from './support/roles.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** A date within an advisor's 30 days, whichever side of midnight the service reads the clock. */
const RECENTLY = DateTime.now().setZone(LOCAL_ZONE).minus({ days: 3 }).toISODate()!;

describe('the audit trail of hours, jobs, money, intervention types and co-ops', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  let otherAdvisor: string;
  let coopCounter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) {
      tokens[role] = await t.tokenFor(role);
      ids[role] = await t.userIdFor(role);
    }
    otherAdvisor = await t.tokenFor('advisor', 'advisor-b');
  });
  afterAll(() => t.close());

  /** A refused request: the status it answers, and not one entry more in the trail. */
  const expectRefusedUnrecorded = async (status: number, send: () => PromiseLike<Response>) => {
    const before = await auditCount(t);
    expect((await send()).status).toBe(status);
    expect(await auditCount(t)).toBe(before);
  };
  /** The only entry the trail holds about this entity. */
  const onlyEntryOf = async (entity: string, id: number | string): Promise<AuditItem> => {
    const entries = await auditOf(t, entity, id);
    expect(entries).toHaveLength(1);
    return entries[0];
  };
  /** The entry the last write about this entity left. */
  const lastEntryOf = async (entity: string, id: number | string): Promise<AuditItem> =>
    (await auditOf(t, entity, id)).at(-1)!;
  const newCoop = async (overrides: object = {}, token = tokens.coordinator) =>
    (
      await t
        .http()
        .post('/organizations')
        .set(bearer(token))
        .send({
          name: `Coop auditée ${++coopCounter}`,
          coopType: 'worker',
          region: '06',
          sector: 'menuiserie',
          ...overrides,
        })
        .expect(201)
    ).body as { id: number; name: string };
  const move = (projectId: number, body: object) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(tokens.coordinator)).send(body).expect(201);

  describe('hours (time_entry)', () => {
    const post = (body: object, token = tokens.advisor) => t.http().post('/time-entries').set(bearer(token)).send(body);
    const patch = (id: number, body: object, token = tokens.advisor) =>
      t.http().patch(`/time-entries/${id}`).set(bearer(token)).send(body);

    it('records an entry created, changed and deleted, by whom, in its project', async () => {
      const project = await createProject(t, tokens.coordinator);
      const body = { workedOn: RECENTLY, hours: 1.5, interventionType: 'premieres-rencontres', projectId: project.id };
      const id = (await post(body).expect(201)).body.id as number;

      const created = await onlyEntryOf('time_entry', id);
      expect(created).toMatchObject({ action: 'create', entityId: String(id), projectId: project.id, before: null });
      expect(created.user?.id).toBe(ids.advisor);
      expect(created.after).toEqual({
        advisorId: ids.advisor,
        projectId: project.id,
        organizationId: null,
        workedOn: RECENTLY,
        quarterHours: 6,
        interventionTypeCode: 'premieres-rencontres',
        note: null,
        demo: false,
      });

      await patch(id, { hours: 2, note: 'Rencontre avec la caisse' }).expect(200);
      const changed = await auditOf(t, 'time_entry', id);
      expect(changed).toHaveLength(2);
      expect(changed[1]).toMatchObject({ action: 'change', projectId: project.id, user: { id: ids.advisor } });
      expect(changed[1].before).toEqual({ quarterHours: 6, note: null });
      expect(changed[1].after).toEqual({ quarterHours: 8, note: 'Rencontre avec la caisse' });

      // Sent as it already is: nothing changed, nothing recorded.
      await expectRefusedUnrecorded(200, () => patch(id, { hours: 2 }));

      await t.http().delete(`/time-entries/${id}`).set(bearer(tokens.coordinator)).expect(204);
      const deleted = await lastEntryOf('time_entry', id);
      expect(deleted).toMatchObject({
        action: 'delete',
        projectId: project.id,
        user: { id: ids.coordinator },
        after: null,
      });
      expect(deleted.before).toMatchObject({
        advisorId: ids.advisor,
        quarterHours: 8,
        note: 'Rencontre avec la caisse',
      });
    });

    it('records nothing for a change or a deletion refused', async () => {
      const coop = await newCoop();
      const body = { workedOn: RECENTLY, hours: 20, interventionType: 'analyse-financiere', organizationId: coop.id };
      const id = (await post(body).expect(201)).body.id as number;
      expect((await onlyEntryOf('time_entry', id)).projectId).toBeNull();

      await expectRefusedUnrecorded(403, () => patch(id, { hours: 1 }, otherAdvisor));
      await expectRefusedUnrecorded(403, () => t.http().delete(`/time-entries/${id}`).set(bearer(otherAdvisor)));
      await expectRefusedUnrecorded(403, () => patch(id, { hours: 1 }, tokens.viewer));
      // A second entry that same day would bring the advisor past 24 hours.
      await expectRefusedUnrecorded(400, () => post({ ...body, hours: 5 }));
      await expectRefusedUnrecorded(422, () => patch(id, { advisorId: ids.viewer }, tokens.coordinator));
      expect(await auditOf(t, 'time_entry', id)).toHaveLength(1);
    });
  });

  describe('jobs (job_count)', () => {
    const countsOf = async (path: string) =>
      (await t.http().get(path).set(bearer(tokens.coordinator)).expect(200)).body.counts as {
        id: number;
        kind: string;
      }[];

    it("records a co-op's workers counted by hand, by whom", async () => {
      const coop = await newCoop();
      await t
        .http()
        .post(`/organizations/${coop.id}/jobs`)
        .set(bearer(tokens.advisor))
        .send({ workers: 12, countedOn: '2024-02-01' })
        .expect(201);
      const [count] = await countsOf(`/organizations/${coop.id}/jobs`);
      const entry = await onlyEntryOf('job_count', count.id);
      expect(entry).toMatchObject({ action: 'create', projectId: null, before: null, user: { id: ids.advisor } });
      expect(entry.after).toEqual({
        kind: 'workers',
        projectId: null,
        organizationId: coop.id,
        jobs: 12,
        countedOn: '2024-02-01',
        transitionId: null,
        recordedBy: ids.advisor,
        recordedAt: expect.any(String),
        demo: false,
      });

      await expectRefusedUnrecorded(403, () =>
        t.http().post(`/organizations/${coop.id}/jobs`).set(bearer(tokens.viewer)).send({ workers: 3 }),
      );
      await expectRefusedUnrecorded(400, () =>
        t.http().post(`/organizations/${coop.id}/jobs`).set(bearer(tokens.advisor)).send({ workers: -3 }),
      );
    });

    it("records a project's jobs carried by a move and counted by hand, in the project; none when refused", async () => {
      const project = await createProject(t, tokens.coordinator, { enrolledAt: '2024-01-10' });
      const record = (body: object, token = tokens.coordinator) =>
        t.http().post(`/projects/${project.id}/jobs`).set(bearer(token)).send(body);
      await expectRefusedUnrecorded(422, () => record({ kind: 'created', jobs: 2 }));

      const moved = await move(project.id, { to: 'constitution', occurredAt: '2024-05-09T14:00:00Z', jobs: 5 });
      const [carried] = await countsOf(`/projects/${project.id}/jobs`);
      const entry = await onlyEntryOf('job_count', carried.id);
      expect(entry).toMatchObject({ action: 'create', projectId: project.id, user: { id: ids.coordinator } });
      expect(entry.after).toMatchObject({
        kind: 'created',
        projectId: project.id,
        jobs: 5,
        countedOn: '2024-05-09',
        transitionId: moved.body.transition.id,
      });

      await record({ kind: 'created', jobs: 6, countedOn: '2024-09-30' }).expect(201);
      const [byHand] = await countsOf(`/projects/${project.id}/jobs`);
      expect((await onlyEntryOf('job_count', byHand.id)).after).toMatchObject({ jobs: 6, transitionId: null });

      await expectRefusedUnrecorded(403, () => record({ kind: 'created', jobs: 2 }, otherAdvisor));
      await expectRefusedUnrecorded(422, () => record({ kind: 'maintained', jobs: 2 }));
    });

    it('records the workers a team told a check-in as its advisor closes it', async () => {
      const project = await createProject(t, tokens.coordinator);
      const checkIn = await t.dataSource.getRepository(FollowUp).save({
        projectId: project.id,
        assigneeId: null,
        dueOn: '2024-10-01',
        note: 'Suivi 30 jours après la cohorte',
        kind: 'check_in',
        sourceKey: null,
        createdById: null,
        doneAt: null,
        doneById: null,
        outcome: null,
      });
      const close = (body: object) =>
        t.http().patch(`/follow-ups/${checkIn.id}`).set(bearer(tokens.coordinator)).send(body);
      await expectRefusedUnrecorded(422, () => close({ workers: 6 }));

      await close({ done: true, workers: 6 }).expect(200);
      const [count] = await countsOf(`/projects/${project.id}/jobs`);
      const entry = await onlyEntryOf('job_count', count.id);
      expect(entry).toMatchObject({ action: 'create', projectId: project.id, user: { id: ids.coordinator } });
      expect(entry.after).toMatchObject({ kind: 'workers', projectId: project.id, organizationId: null, jobs: 6 });
    });
  });

  describe('money (funding_request)', () => {
    const post = (projectId: number, body: object, token = tokens.advisor) =>
      t.http().post(`/projects/${projectId}/funding-requests`).set(bearer(token)).send(body);
    const patch = (id: number, body: object, token = tokens.advisor) =>
      t.http().patch(`/funding-requests/${id}`).set(bearer(token)).send(body);

    it('records a request created, changed and deleted, in its project', async () => {
      const project = await createProject(t, tokens.advisor);
      const id = (
        await post(project.id, {
          sourceCode: 'caisses',
          instrument: 'loan',
          requestedCents: 4_500_000,
          status: 'in_preparation',
          note: 'La caisse veut les prévisions',
        }).expect(201)
      ).body.id as number;

      const created = await onlyEntryOf('funding_request', id);
      expect(created).toMatchObject({
        action: 'create',
        projectId: project.id,
        before: null,
        user: { id: ids.advisor },
      });
      expect(created.after).toEqual({
        projectId: project.id,
        sourceCode: 'caisses',
        instrument: 'loan',
        requestedCents: 4_500_000,
        grantedCents: null,
        status: 'in_preparation',
        submittedOn: null,
        decidedOn: null,
        paidOn: null,
        note: 'La caisse veut les prévisions',
        recordedById: ids.advisor,
        demo: false,
      });

      await patch(id, { status: 'submitted', submittedOn: '2024-03-01' }).expect(200);
      const changed = await lastEntryOf('funding_request', id);
      expect(changed).toMatchObject({ action: 'change', projectId: project.id, user: { id: ids.advisor } });
      expect(changed.before).toEqual({ status: 'in_preparation', submittedOn: null });
      expect(changed.after).toEqual({ status: 'submitted', submittedOn: '2024-03-01' });

      // Inconsistent as it would be (an amount granted before any decision), another's project, a viewer.
      await expectRefusedUnrecorded(400, () => patch(id, { grantedCents: 1000 }));
      await expectRefusedUnrecorded(403, () => patch(id, { requestedCents: 1 }, otherAdvisor));
      await expectRefusedUnrecorded(403, () => t.http().delete(`/funding-requests/${id}`).set(bearer(tokens.viewer)));
      await expectRefusedUnrecorded(400, () =>
        post(project.id, { sourceCode: 'nope', instrument: 'loan', requestedCents: 1, status: 'in_preparation' }),
      );
      expect(await auditOf(t, 'funding_request', id)).toHaveLength(2);

      await t.http().delete(`/funding-requests/${id}`).set(bearer(tokens.coordinator)).expect(204);
      const deleted = await lastEntryOf('funding_request', id);
      expect(deleted).toMatchObject({
        action: 'delete',
        projectId: project.id,
        user: { id: ids.coordinator },
        after: null,
      });
      expect(deleted.before).toMatchObject({
        status: 'submitted',
        requestedCents: 4_500_000,
        submittedOn: '2024-03-01',
      });
    });
  });

  describe('the list of financing sources (financing_source)', () => {
    const sources = () => t.http().post('/financing-sources');
    const change = (code: string, body: object, token = tokens.admin) =>
      t.http().patch(`/financing-sources/${code}`).set(bearer(token)).send(body);

    it('records a source added, changed and deleted, and the others its place moved', async () => {
      const body = { code: 'fonds-audit', labelFr: 'Fonds audité', labelEn: 'Audited fund', position: 2 };
      await sources().set(bearer(tokens.admin)).send(body).expect(201);
      const created = await onlyEntryOf('financing_source', 'fonds-audit');
      expect(created).toMatchObject({ action: 'create', projectId: null, before: null, user: { id: ids.admin } });
      expect(created.after).toEqual({ ...body, active: true });
      // The source that was second moved down one.
      const movedDown = await lastEntryOf('financing_source', 'fonds-pret-patient');
      expect(movedDown).toMatchObject({ action: 'change', before: { position: 2 }, after: { position: 3 } });

      await change('fonds-audit', { labelEn: 'Audited fund (closed)', active: false }).expect(200);
      const changed = await lastEntryOf('financing_source', 'fonds-audit');
      expect(changed).toMatchObject({ action: 'change', user: { id: ids.admin } });
      expect(changed.before).toEqual({ labelEn: 'Audited fund', active: true });
      expect(changed.after).toEqual({ labelEn: 'Audited fund (closed)', active: false });

      await expectRefusedUnrecorded(403, () => change('fonds-audit', { active: true }, tokens.coordinator));
      await expectRefusedUnrecorded(409, () => sources().set(bearer(tokens.admin)).send(body));
      await expectRefusedUnrecorded(422, () => change('fonds-audit', { labelFr: 'Fonds', position: 99 }));

      await t.http().delete('/financing-sources/fonds-audit').set(bearer(tokens.admin)).expect(204);
      const deleted = await lastEntryOf('financing_source', 'fonds-audit');
      expect(deleted).toMatchObject({ action: 'delete', user: { id: ids.admin }, after: null });
      expect(deleted.before).toEqual({ ...body, labelEn: 'Audited fund (closed)', active: false });
      expect(await lastEntryOf('financing_source', 'fonds-pret-patient')).toMatchObject({
        before: { position: 3 },
        after: { position: 2 },
      });
    });

    it('records nothing when a source named by requests is not deleted', async () => {
      const project = await createProject(t, tokens.advisor);
      await t
        .http()
        .post(`/projects/${project.id}/funding-requests`)
        .set(bearer(tokens.advisor))
        .send({ sourceCode: 'autre', instrument: 'grant', requestedCents: 100, status: 'in_preparation' })
        .expect(201);
      await expectRefusedUnrecorded(409, () => t.http().delete('/financing-sources/autre').set(bearer(tokens.admin)));
    });
  });

  describe('intervention types (intervention_type)', () => {
    const types = () => t.http().post('/intervention-types');
    const change = (code: string, body: object, token = tokens.admin) =>
      t.http().patch(`/intervention-types/${code}`).set(bearer(token)).send(body);

    it('records a type added, changed and deleted, and the others its place moved', async () => {
      const body = {
        code: 'audit-gouvernance',
        familyCode: 'gestion-collective',
        labelFr: 'Gouvernance',
        labelEn: 'Governance',
      };
      await types().set(bearer(tokens.admin)).send(body).expect(201);
      const created = await onlyEntryOf('intervention_type', 'audit-gouvernance');
      expect(created).toMatchObject({ action: 'create', projectId: null, before: null, user: { id: ids.admin } });
      expect(created.after).toEqual({ ...body, position: 6, active: true });

      await change('audit-gouvernance', { labelFr: 'Gouvernance coopérative', position: 1 }).expect(200);
      const changed = await lastEntryOf('intervention_type', 'audit-gouvernance');
      expect(changed).toMatchObject({ action: 'change', user: { id: ids.admin } });
      expect(changed.before).toEqual({ labelFr: 'Gouvernance', position: 6 });
      expect(changed.after).toEqual({ labelFr: 'Gouvernance coopérative', position: 1 });
      expect(await lastEntryOf('intervention_type', 'fonctionnement-associatif')).toMatchObject({
        before: { position: 1 },
        after: { position: 2 },
      });

      await expectRefusedUnrecorded(403, () => change('audit-gouvernance', { active: false }, tokens.coordinator));
      await expectRefusedUnrecorded(409, () => types().set(bearer(tokens.admin)).send(body));
      await expectRefusedUnrecorded(422, () =>
        types()
          .set(bearer(tokens.admin))
          .send({ ...body, code: 'audit-x', familyCode: 'nope' }),
      );
      await expectRefusedUnrecorded(422, () => change('audit-gouvernance', { labelEn: 'Gov', position: 99 }));

      await t.http().delete('/intervention-types/audit-gouvernance').set(bearer(tokens.admin)).expect(204);
      const deleted = await lastEntryOf('intervention_type', 'audit-gouvernance');
      expect(deleted).toMatchObject({ action: 'delete', user: { id: ids.admin }, after: null });
      expect(deleted.before).toEqual({ ...body, labelFr: 'Gouvernance coopérative', position: 1, active: true });
      expect(await lastEntryOf('intervention_type', 'fonctionnement-associatif')).toMatchObject({
        before: { position: 2 },
        after: { position: 1 },
      });
    });

    it('records nothing when a type time entries use is not deleted', async () => {
      const coop = await newCoop();
      await t
        .http()
        .post('/time-entries')
        .set(bearer(tokens.coordinator))
        .send({ workedOn: RECENTLY, hours: 1, interventionType: 'gestion-conflits', organizationId: coop.id })
        .expect(201);
      await expectRefusedUnrecorded(409, () =>
        t.http().delete('/intervention-types/gestion-conflits').set(bearer(tokens.admin)),
      );
    });
  });

  describe('co-ops (organization)', () => {
    const patch = (id: number, body: object, token = tokens.coordinator) =>
      t.http().patch(`/organizations/${id}`).set(bearer(token)).send(body);

    it('records a co-op created, changed and deleted', async () => {
      const coop = await newCoop({ enterpriseNumber: '1170000991', memberSince: '2019-05-14' });
      const created = await onlyEntryOf('organization', coop.id);
      expect(created).toMatchObject({ action: 'create', projectId: null, before: null, user: { id: ids.coordinator } });
      expect(created.after).toEqual({
        name: coop.name,
        coopType: 'worker',
        region: '06',
        sector: 'menuiserie',
        enterpriseNumber: '1170000991',
        memberSince: '2019-05-14',
        memberUntil: null,
        projectId: null,
        demo: false,
      });

      await patch(coop.id, { memberUntil: '2024-12-31', sector: 'ébénisterie' }).expect(200);
      const changed = await lastEntryOf('organization', coop.id);
      expect(changed).toMatchObject({ action: 'change', projectId: null, user: { id: ids.coordinator } });
      expect(changed.before).toEqual({ memberUntil: null, sector: 'menuiserie' });
      expect(changed.after).toEqual({ memberUntil: '2024-12-31', sector: 'ébénisterie' });

      const other = await newCoop({ enterpriseNumber: '1170000992' });
      await expectRefusedUnrecorded(403, () => patch(coop.id, { name: 'Autre nom' }, tokens.advisor));
      await expectRefusedUnrecorded(409, () => patch(other.id, { enterpriseNumber: '1170000991' }));
      await expectRefusedUnrecorded(400, () => patch(coop.id, { memberUntil: '2010-01-01' }));
      await expectRefusedUnrecorded(403, () =>
        t.http().delete(`/organizations/${coop.id}`).set(bearer(tokens.coordinator)),
      );

      await t.http().delete(`/organizations/${coop.id}`).set(bearer(tokens.admin)).expect(204);
      const deleted = await lastEntryOf('organization', coop.id);
      expect(deleted).toMatchObject({ action: 'delete', user: { id: ids.admin }, after: null });
      expect(deleted.before).toMatchObject({
        name: coop.name,
        memberUntil: '2024-12-31',
        enterpriseNumber: '1170000991',
      });
    });

    it('records nothing when a co-op other records refer to is not deleted', async () => {
      const coop = await newCoop();
      await t
        .http()
        .post(`/organizations/${coop.id}/jobs`)
        .set(bearer(tokens.coordinator))
        .send({ workers: 4 })
        .expect(201);
      await expectRefusedUnrecorded(409, () => t.http().delete(`/organizations/${coop.id}`).set(bearer(tokens.admin)));
      expect(await auditOf(t, 'organization', coop.id)).toHaveLength(1);
    });

    it("records the co-op a project became, and its later changes, in the project's history", async () => {
      const project = await createProject(t, tokens.coordinator, { coopType: 'producer', region: '11' });
      const createFrom = (body: object, token = tokens.coordinator) =>
        t.http().post(`/projects/${project.id}/organization`).set(bearer(token)).send(body);
      await expectRefusedUnrecorded(422, () => createFrom({}));

      await move(project.id, { to: 'constitution' });
      await expectRefusedUnrecorded(403, () => createFrom({}, otherAdvisor));
      const coop = (await createFrom({ memberSince: '2024-05-01' }).expect(201)).body as { id: number };
      const created = await onlyEntryOf('organization', coop.id);
      expect(created).toMatchObject({ action: 'create', projectId: project.id, user: { id: ids.coordinator } });
      expect(created.after).toMatchObject({
        name: project.name,
        coopType: 'producer',
        region: '11',
        memberSince: '2024-05-01',
        projectId: project.id,
      });
      await expectRefusedUnrecorded(409, () => createFrom({}));

      await patch(coop.id, { name: 'Coopérative de producteurs' }).expect(200);
      const changed = await lastEntryOf('organization', coop.id);
      expect(changed).toMatchObject({ action: 'change', projectId: project.id });
      expect(changed.before).toEqual({ name: project.name });
      expect(changed.after).toEqual({ name: 'Coopérative de producteurs' });

      const inProject = await t
        .http()
        .get('/audit')
        .query({ projectId: project.id, entity: 'organization' })
        .set(bearer(tokens.admin))
        .expect(200);
      expect(inProject.body.items.map((e: AuditItem) => e.action)).toEqual(['change', 'create']);
    });
  });
});
