import { Clock } from '../src/common/clock.js';
import { CheckInsService } from '../src/follow-ups/check-ins/check-ins.service.js';
import { actorOf, auditCount, auditOf, onlyNewEntry, type AuditItem } from './support/audit.js';
import { createCohort, createProject } from './support/fixtures.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

// The audit trail of the work around projects: follow-up tasks (and the check-ins the schedule
// writes), notes, snoozes, ratings, and the programs' stages and check-in offsets.

/** 10:00 in Montréal on Monday 23 November 2026: the service's "now". */
const NOW = new Date('2026-11-23T15:00:00.000Z');

describe('the audit trail of follow-ups, notes, snoozes, ratings and programs', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;
  let coordinator: string;
  let coordinatorId: number;
  let advisor: string;
  let advisorId: number;
  let otherAdvisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(Clock).now = () => NOW;
    admin = await t.tokenFor('admin');
    adminId = await t.userIdFor('admin');
    coordinator = await t.tokenFor('coordinator');
    coordinatorId = await t.userIdFor('coordinator');
    advisor = await t.tokenFor('advisor');
    advisorId = await t.userIdFor('advisor');
    otherAdvisor = await t.tokenFor('advisor', 'other-advisor');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t?.close());

  const newEntry = (entity: string, id: number | string, before: AuditItem[]) => onlyNewEntry(t, entity, id, before);
  /** Sends refused requests, each with its status, and checks the trail did not grow. */
  async function expectNothingRecorded(refusals: [PromiseLike<{ status: number }>, number][]) {
    const count = await auditCount(t);
    for (const [request, status] of refusals) expect((await request).status).toBe(status);
    expect(await auditCount(t)).toBe(count);
  }
  const newProject = () => createProject(t, advisor, { advisorId }) as Promise<{ id: number }>;
  const addTask = (projectId: number, body: object, token = advisor) =>
    t.http().post(`/projects/${projectId}/follow-ups`).set(bearer(token)).send(body);
  const patchTask = (id: number, body: object, token = advisor) =>
    t.http().patch(`/follow-ups/${id}`).set(bearer(token)).send(body);

  describe('follow-up tasks', () => {
    it('records a creation with its fields and its project', async () => {
      const project = await newProject();
      const task = (await addTask(project.id, { dueOn: '2026-12-01', note: 'Rappeler la caisse' }).expect(201)).body;
      const entries = await auditOf(t, 'follow_up', task.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', projectId: project.id, before: null });
      expect(actorOf(entries[0])).toBe(advisorId);
      expect(entries[0].after).toEqual({
        projectId: project.id,
        assigneeId: advisorId,
        dueOn: '2026-12-01',
        note: 'Rappeler la caisse',
        kind: 'task',
        sourceKey: null,
        createdById: advisorId,
        doneAt: null,
        doneById: null,
        outcome: null,
      });
    });

    it('records each change with only the fields that changed: reschedule, rewrite, hand over, done, reopened', async () => {
      const project = await newProject();
      const task = (await addTask(project.id, { dueOn: '2026-12-01', note: 'Rappeler la caisse' }).expect(201)).body;
      const entries = await auditOf(t, 'follow_up', task.id);

      await patchTask(task.id, { dueOn: '2026-12-08', note: 'Rappeler la caisse populaire' }).expect(200);
      const rescheduled = await newEntry('follow_up', task.id, entries);
      expect(rescheduled).toMatchObject({ action: 'change', projectId: project.id });
      expect([rescheduled.before, rescheduled.after]).toEqual([
        { dueOn: '2026-12-01', note: 'Rappeler la caisse' },
        { dueOn: '2026-12-08', note: 'Rappeler la caisse populaire' },
      ]);
      entries.push(rescheduled);

      await patchTask(task.id, { assigneeId: coordinatorId }, coordinator).expect(200);
      const handedOver = await newEntry('follow_up', task.id, entries);
      expect(actorOf(handedOver)).toBe(coordinatorId);
      expect([handedOver.before, handedOver.after]).toEqual([{ assigneeId: advisorId }, { assigneeId: coordinatorId }]);
      entries.push(handedOver);

      const done = (await patchTask(task.id, { done: true, outcome: 'Prêt accordé' }, coordinator).expect(200)).body;
      const closed = await newEntry('follow_up', task.id, entries);
      expect([closed.before, closed.after]).toEqual([
        { doneAt: null, doneById: null, outcome: null },
        { doneAt: NOW.toISOString(), doneById: coordinatorId, outcome: 'Prêt accordé' },
      ]);
      expect(done.doneAt).toBe(NOW.toISOString());
      entries.push(closed);

      await patchTask(task.id, { done: false }, coordinator).expect(200);
      const reopened = await newEntry('follow_up', task.id, entries);
      expect([reopened.before, reopened.after]).toEqual([
        { doneAt: NOW.toISOString(), doneById: coordinatorId },
        { doneAt: null, doneById: null },
      ]);
    });

    it('records nothing for refused changes: another advisor (403), a viewer (403), a bad assignee or workers on a task (422)', async () => {
      const project = await newProject();
      const task = (await addTask(project.id, { dueOn: '2026-12-01', note: 'Rappeler' }).expect(201)).body;
      const viewerId = await t.userIdFor('viewer');
      await expectNothingRecorded([
        [patchTask(task.id, { note: 'Pas à moi' }, otherAdvisor), 403],
        [patchTask(task.id, { note: 'Lecture seule' }, viewer), 403],
        [patchTask(task.id, { assigneeId: viewerId }, coordinator), 422],
        [patchTask(task.id, { done: true, workers: 4 }), 422],
        [addTask(project.id, { dueOn: '2026-12-01', note: 'Pas mon projet' }, otherAdvisor), 403],
        [addTask(project.id, { dueOn: '2026-12-01', note: 'Pour un autre', assigneeId: coordinatorId }), 403],
      ]);
    });

    it('records the check-ins the schedule writes, with no one as their author', async () => {
      const cohort = await createCohort(t, coordinator, { startsOn: '2025-10-01', endsOn: '2026-03-31' });
      const projects = [];
      for (const name of ['Coop Audit Un', 'Coop Audit Deux'])
        projects.push(
          await createProject(t, coordinator, { name, programCode: 'parcours-coop', cohortId: cohort.id, advisorId }),
        );
      // 30 days after the cohort ends, the first offset of parcours-coop.
      const run = await t.app.get(CheckInsService).run('2026-04-30');
      expect(run.projects).toBeGreaterThanOrEqual(2);

      for (const project of projects) {
        const [task] = (
          await t.http().get('/follow-ups').query({ projectId: project.id }).set(bearer(coordinator)).expect(200)
        ).body.items as { id: number; kind: string; note: string }[];
        expect(task.kind).toBe('check_in');
        const entries = await auditOf(t, 'follow_up', task.id);
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ action: 'create', user: null, projectId: project.id, before: null });
        expect(entries[0].after).toEqual({
          projectId: project.id,
          assigneeId: advisorId,
          dueOn: '2026-04-30',
          note: task.note,
          kind: 'check_in',
          sourceKey: `check-in:${project.id}:30`,
          createdById: null,
        });
      }

      // A second run the same day writes no check-in, so it records none.
      const count = await auditCount(t);
      await t.app.get(CheckInsService).run('2026-04-30');
      expect(await auditCount(t)).toBe(count);
    });
  });

  describe('notes and snoozes', () => {
    it('records a note as created on its project', async () => {
      const project = await newProject();
      const note = (
        await t
          .http()
          .post(`/projects/${project.id}/notes`)
          .set(bearer(advisor))
          .send({ body: '  La caisse a répondu ' })
          .expect(201)
      ).body;
      const entries = await auditOf(t, 'note', note.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', projectId: project.id, before: null });
      expect(actorOf(entries[0])).toBe(advisorId);
      expect(entries[0].after).toEqual({ projectId: project.id, authorId: advisorId, body: 'La caisse a répondu' });

      await expectNothingRecorded([
        [t.http().post(`/projects/${project.id}/notes`).set(bearer(otherAdvisor)).send({ body: 'Intrus' }), 403],
        [t.http().post(`/projects/${project.id}/notes`).set(bearer(viewer)).send({ body: 'Lecteur' }), 403],
      ]);
    });

    it("records a snooze and its end as changes of the project's snooze fields", async () => {
      const project = await newProject();
      const before = await auditOf(t, 'project', project.id);
      await t
        .http()
        .post(`/projects/${project.id}/snooze`)
        .set(bearer(advisor))
        .send({ until: '2027-01-15', reason: 'Attend la réponse de la caisse' })
        .expect(200);
      const snoozed = await newEntry('project', project.id, before);
      expect(snoozed).toMatchObject({ action: 'change', projectId: project.id });
      expect(actorOf(snoozed)).toBe(advisorId);
      const none = { snoozedUntil: null, snoozeReason: null, snoozedById: null, snoozedAt: null };
      const set = {
        snoozedUntil: '2027-01-15',
        snoozeReason: 'Attend la réponse de la caisse',
        snoozedById: advisorId,
        snoozedAt: NOW.toISOString(),
      };
      expect([snoozed.before, snoozed.after]).toEqual([none, set]);

      await expectNothingRecorded([
        [
          t
            .http()
            .post(`/projects/${project.id}/snooze`)
            .set(bearer(advisor))
            .send({ until: '2026-11-01', reason: 'Passé' }),
          422,
        ],
        [
          t
            .http()
            .post(`/projects/${project.id}/snooze`)
            .set(bearer(otherAdvisor))
            .send({ until: '2027-01-15', reason: 'x' }),
          403,
        ],
        [t.http().delete(`/projects/${project.id}/snooze`).set(bearer(viewer)), 403],
      ]);

      await t.http().delete(`/projects/${project.id}/snooze`).set(bearer(coordinator)).expect(204);
      const ended = await newEntry('project', project.id, [...before, snoozed]);
      expect(actorOf(ended)).toBe(coordinatorId);
      expect([ended.before, ended.after]).toEqual([set, none]);

      // Ending a snooze that is not there changes nothing, so it records nothing.
      await expectNothingRecorded([[t.http().delete(`/projects/${project.id}/snooze`).set(bearer(coordinator)), 204]]);
    });
  });

  describe('ratings', () => {
    it('records each rating as created, and nothing for a role that may not record them', async () => {
      const cohort = await createCohort(t, coordinator);
      const ratingIds = async () => {
        const rows = await t.dataSource.query<{ id: number }[]>(
          `SELECT id FROM satisfaction_ratings WHERE cohort_id = ${Number(cohort.id)} ORDER BY id`,
        );
        return rows.map((row) => Number(row.id));
      };
      await t
        .http()
        .post(`/cohorts/${cohort.id}/ratings`)
        .set(bearer(coordinator))
        .send({ ratings: [{ rating: 5, respondent: 'F-01' }, { rating: 3 }] })
        .expect(201);
      const ids = await ratingIds();
      expect(ids).toHaveLength(2);
      const recorded = [];
      for (const id of ids) {
        const entries = await auditOf(t, 'rating', id);
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ action: 'create', projectId: null, before: null });
        expect(actorOf(entries[0])).toBe(coordinatorId);
        recorded.push(entries[0].after);
      }
      const fields = { cohortId: cohort.id, demo: false, recordedBy: coordinatorId, recordedAt: NOW.toISOString() };
      expect(recorded).toEqual([
        { ...fields, rating: 5, respondent: 'F-01' },
        { ...fields, rating: 3, respondent: null },
      ]);

      await expectNothingRecorded([
        [
          t
            .http()
            .post(`/cohorts/${cohort.id}/ratings`)
            .set(bearer(advisor))
            .send({ ratings: [{ rating: 4 }] }),
          403,
        ],
        [
          t
            .http()
            .post('/cohorts/999999/ratings')
            .set(bearer(coordinator))
            .send({ ratings: [{ rating: 4 }] }),
          404,
        ],
      ]);
      expect(await ratingIds()).toEqual(ids);
    });
  });

  describe("programs' stages and settings", () => {
    type StageBody = {
      id: number;
      code: string;
      position: number;
      labelFr: string;
      labelEn: string;
      staleAfterDays: number | null;
    };
    const stagesOf = async (code: string) =>
      (await t.http().get(`/programs/${code}/stages`).set(bearer(admin)).expect(200)).body as StageBody[];
    const positionChanges = async (stages: StageBody[], before: Map<number, AuditItem[]>) => {
      const moved: [string, unknown, unknown][] = [];
      for (const stage of stages) {
        const entries = await auditOf(t, 'stage', stage.id);
        const added = entries.slice(before.get(stage.id)?.length ?? 0);
        for (const entry of added) moved.push([stage.code, entry.before, entry.after]);
      }
      return moved;
    };
    const trailsOf = async (stages: StageBody[]) =>
      new Map(await Promise.all(stages.map(async (s) => [s.id, await auditOf(t, 'stage', s.id)] as const)));

    it("records a stage's creation, and the moves of the stages it pushed down", async () => {
      const before = await stagesOf('transfertcoop');
      const trails = await trailsOf(before);
      const added = (
        await t
          .http()
          .post('/programs/transfertcoop/stages')
          .set(bearer(admin))
          .send({ code: 'pre-exploration', labelFr: 'Pré-exploration', labelEn: 'Pre-exploration', position: 2 })
          .expect(201)
      ).body as StageBody[];
      const stage = added.find((s) => s.code === 'pre-exploration')!;
      const entries = await auditOf(t, 'stage', stage.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', projectId: null, before: null });
      expect(actorOf(entries[0])).toBe(adminId);
      expect(entries[0].after).toEqual({
        programCode: 'transfertcoop',
        code: 'pre-exploration',
        labelFr: 'Pré-exploration',
        labelEn: 'Pre-exploration',
        position: 2,
        milestone: null,
        staleAfterDays: null,
      });
      expect(await positionChanges(before, trails)).toEqual(
        before.slice(1).map((s) => [s.code, { position: s.position }, { position: s.position + 1 }]),
      );
    });

    it("records a stage's change with only the fields that changed", async () => {
      const [stage] = await stagesOf('demarrage');
      const before = await auditOf(t, 'stage', stage.id);
      await t
        .http()
        .patch(`/programs/demarrage/stages/${stage.code}`)
        .set(bearer(admin))
        .send({ labelFr: 'Premier contact (nouveau)', labelEn: stage.labelEn, staleAfterDays: 45 })
        .expect(200);
      const entry = await newEntry('stage', stage.id, before);
      expect(entry).toMatchObject({ action: 'change', projectId: null });
      expect(actorOf(entry)).toBe(adminId);
      expect(entry.before).toEqual({ labelFr: stage.labelFr, staleAfterDays: stage.staleAfterDays });
      expect(entry.after).toEqual({ labelFr: 'Premier contact (nouveau)', staleAfterDays: 45 });
    });

    it('records a reorder as the moves of the stages whose position changed', async () => {
      const before = await stagesOf('demarrage');
      const trails = await trailsOf(before);
      const [first, second, ...rest] = before;
      await t
        .http()
        .put('/programs/demarrage/stages/order')
        .set(bearer(admin))
        .send({ codes: [second.code, first.code, ...rest.map((s) => s.code)] })
        .expect(200);
      expect(await positionChanges(before, trails)).toEqual([
        [first.code, { position: 1 }, { position: 2 }],
        [second.code, { position: 2 }, { position: 1 }],
      ]);
    });

    it("records a stage's deletion, and the moves of the stages after it", async () => {
      await t
        .http()
        .post('/programs/demarrage/stages')
        .set(bearer(admin))
        .send({ code: 'a-retirer', labelFr: 'À retirer', labelEn: 'To remove', position: 1, staleAfterDays: 30 })
        .expect(201);
      const stages = await stagesOf('demarrage');
      const [removed, ...others] = stages;
      const trails = await trailsOf(stages);
      await t.http().delete('/programs/demarrage/stages/a-retirer').set(bearer(admin)).expect(204);
      const entry = await newEntry('stage', removed.id, trails.get(removed.id)!);
      expect(entry).toMatchObject({ action: 'delete', after: null });
      expect(actorOf(entry)).toBe(adminId);
      expect(entry.before).toEqual({
        programCode: 'demarrage',
        code: 'a-retirer',
        labelFr: 'À retirer',
        labelEn: 'To remove',
        position: 1,
        milestone: null,
        staleAfterDays: 30,
      });
      trails.delete(removed.id);
      expect(await positionChanges(others, trails)).toEqual(
        others.map((s) => [s.code, { position: s.position }, { position: s.position - 1 }]),
      );
    });

    it('records nothing for refused stage changes: a coordinator (403), a taken code or milestone, a stage in use (409), a bad position (422)', async () => {
      const stages = await stagesOf('demarrage');
      const project = await createProject(t, coordinator);
      const inUse = (project as { enrollments: { stage: { code: string } }[] }).enrollments[0].stage.code;
      await expectNothingRecorded([
        [
          t
            .http()
            .patch(`/programs/demarrage/stages/${stages[0].code}`)
            .set(bearer(coordinator))
            .send({ labelFr: 'Non' }),
          403,
        ],
        [
          t
            .http()
            .post('/programs/demarrage/stages')
            .set(bearer(admin))
            .send({ code: stages[0].code, labelFr: 'D', labelEn: 'D' }),
          409,
        ],
        // constitution holds this milestone.
        [
          t
            .http()
            .patch('/programs/parcours-coop/stages/formation')
            .set(bearer(admin))
            .send({ milestone: 'incorporated' }),
          409,
        ],
        [t.http().delete(`/programs/demarrage/stages/${inUse}`).set(bearer(admin)), 409],
        [
          t
            .http()
            .post('/programs/demarrage/stages')
            .set(bearer(admin))
            .send({ code: 'trop-loin', labelFr: 'T', labelEn: 'T', position: 99 }),
          422,
        ],
        [
          t
            .http()
            .put('/programs/demarrage/stages/order')
            .set(bearer(admin))
            .send({ codes: [stages[0].code] }),
          422,
        ],
      ]);
    });

    it("records a change of a program's check-in offsets under its code, and nothing when refused", async () => {
      const before = await auditOf(t, 'program', 'parcours-coop');
      await t
        .http()
        .patch('/programs/parcours-coop')
        .set(bearer(admin))
        .send({ checkInOffsets: [60, 14] })
        .expect(200);
      const entry = await newEntry('program', 'parcours-coop', before);
      expect(entry).toMatchObject({ action: 'change', entityId: 'parcours-coop', projectId: null });
      expect(actorOf(entry)).toBe(adminId);
      expect([entry.before, entry.after]).toEqual([{ checkInOffsets: [30, 90, 180] }, { checkInOffsets: [14, 60] }]);

      await expectNothingRecorded([
        [
          t
            .http()
            .patch('/programs/parcours-coop')
            .set(bearer(coordinator))
            .send({ checkInOffsets: [30] }),
          403,
        ],
        [
          t
            .http()
            .patch('/programs/demarrage')
            .set(bearer(admin))
            .send({ checkInOffsets: [30] }),
          422,
        ],
        // The same offsets in another order change nothing.
        [
          t
            .http()
            .patch('/programs/parcours-coop')
            .set(bearer(admin))
            .send({ checkInOffsets: [14, 60] }),
          200,
        ],
      ]);
    });
  });
});
