import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import type { Response } from 'supertest';
import { Clock } from '../src/common/clock.js';
import type { Role } from '../src/users/user.entity.js';
import { expectRoleOutcome, MANAGERS, ROLES, WRITERS, type Case } from './support/roles.js';
import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';
import { createProject } from './support/fixtures.js';

/** 10:00 in Montréal on Monday 23 November 2026: the service's "now" unless a test moves it. */
const T0 = '2026-11-23T15:00:00.000Z';
const TODAY = '2026-11-23';
const DAY_MS = 86_400_000;

/** An instant some days (fractions allowed) after another. */
const after = (instant: string | Date, days: number) => new Date(new Date(instant).getTime() + days * DAY_MS);
/** A calendar date some days after another (no time zone involved: dates are plain YYYY-MM-DD). */
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

type Ref = { id: number; name: string };
interface FollowUpBody {
  id: number;
  projectId: number;
  project: Ref;
  assigneeId: number | null;
  assignee: Ref | null;
  dueOn: string;
  note: string;
  kind: string;
  state: string;
  doneAt: string | null;
  doneById: number | null;
  outcome: string | null;
  createdById: number | null;
}
interface ProjectBody {
  id: number;
  name: string;
  advisorId: number | null;
  lastActivityAt: string;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  snoozedById: number | null;
  snoozedAt: string | null;
  enrollments: { programCode: string; status: string; stage: { code: string } }[];
}

describe('follow-ups, notes, stale projects and snoozes', () => {
  let t: TestApp;
  let clock: Clock;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  let otherAdvisor: string;
  let otherAdvisorId: number;

  /** Sets the service's clock; every test starts at T0. */
  const setNow = (instant: string | Date) => {
    const now = new Date(instant);
    jest.spyOn(clock, 'now').mockReturnValue(now);
    return now;
  };

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    setNow(T0);
    for (const role of ROLES) {
      tokens[role] = await t.tokenFor(role);
      ids[role] = await t.userIdFor(role);
    }
    otherAdvisor = await t.tokenFor('advisor', 'advisor-b');
    otherAdvisorId = await t.userIdFor('advisor', 'advisor-b');
  });
  beforeEach(() => {
    setNow(T0);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const uniqueTag = () => `Suivi${randomBytes(4).toString('hex')}`;

  const countOf = async (table: 'follow_ups' | 'project_notes') => {
    const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row.n);
  };
  const counts = async () => ({ followUps: await countOf('follow_ups'), notes: await countOf('project_notes') });

  /** A demarrage project at premier-contact, made by a coordinator, assigned as asked. */
  const projectFor = (advisorId: number | null, name = `${uniqueTag()} projet`): Promise<ProjectBody> =>
    createProject(t, tokens.coordinator, advisorId === null ? { name } : { name, advisorId });
  const readProject = async (id: number): Promise<ProjectBody> =>
    (await t.http().get(`/projects/${id}`).set(bearer(tokens.coordinator)).expect(200)).body;

  const createFollowUp = (projectId: number, body: object, token = tokens.coordinator) =>
    t.http().post(`/projects/${projectId}/follow-ups`).set(bearer(token)).send(body);
  const newFollowUp = async (projectId: number, body: object, token = tokens.coordinator): Promise<FollowUpBody> => {
    const response = await createFollowUp(projectId, body, token);
    if (response.status !== 201)
      throw new Error(`follow-up creation failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const readFollowUp = (id: number, token = tokens.coordinator) => t.http().get(`/follow-ups/${id}`).set(bearer(token));
  const patchFollowUp = (id: number, body: object, token = tokens.coordinator) =>
    t.http().patch(`/follow-ups/${id}`).set(bearer(token)).send(body);
  const listFollowUps = (query: Record<string, string | number>, token = tokens.coordinator) =>
    t.http().get('/follow-ups').query(query).set(bearer(token));

  const addNote = (projectId: number, body: object, token = tokens.coordinator) =>
    t.http().post(`/projects/${projectId}/notes`).set(bearer(token)).send(body);
  const snooze = (projectId: number, body: object, token = tokens.coordinator) =>
    t.http().post(`/projects/${projectId}/snooze`).set(bearer(token)).send(body);
  const unsnooze = (projectId: number, token = tokens.coordinator) =>
    t.http().delete(`/projects/${projectId}/snooze`).set(bearer(token));
  const move = (projectId: number, body: object, token = tokens.coordinator) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(token)).send(body);

  /** Whether GET /projects?stale=true lists the project; stale=false must then say the opposite. */
  const isStale = async (project: { id: number; name: string }) => {
    const listed = async (stale: 'true' | 'false') => {
      const response = await t
        .http()
        .get('/projects')
        .query({ q: project.name, stale, pageSize: 500 })
        .set(bearer(tokens.coordinator))
        .expect(200);
      return (response.body.items as { id: number }[]).some((p) => p.id === project.id);
    };
    const [inStale, inFresh] = [await listed('true'), await listed('false')];
    expect({ project: project.id, inStale, inFresh }).toEqual({ project: project.id, inStale, inFresh: !inStale });
    return inStale;
  };

  /** Sends a request that must be refused: the status, the error shape, and no row written. */
  const expectRefused = async (send: () => PromiseLike<Response>, status: number, message?: RegExp) => {
    const before = await counts();
    const response = await send();
    expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.anything() });
    expectErrorShape(response.body, status);
    if (message) expect(response.body.message).toMatch(message);
    expect(await counts()).toEqual(before);
    return response;
  };

  describe('POST /projects/:id/follow-ups', () => {
    it("creates a task for the project's advisor by default, due today, and shows it whole", async () => {
      const project = await projectFor(ids.advisor);
      const before = await counts();
      const response = await createFollowUp(project.id, {
        dueOn: TODAY,
        note: "  Appeler l'équipe au sujet du prêt  ",
      }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        projectId: project.id,
        project: { id: project.id, name: project.name },
        assigneeId: ids.advisor,
        assignee: { id: ids.advisor, name: 'Test advisor' },
        dueOn: TODAY,
        note: "Appeler l'équipe au sujet du prêt",
        kind: 'task',
        state: 'due',
        doneAt: null,
        doneById: null,
        outcome: null,
        createdById: ids.coordinator,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        sourceKey: null,
      });
      expect(await counts()).toEqual({ ...before, followUps: before.followUps + 1 });

      const read = await readFollowUp(response.body.id).expect(200);
      expect(read.body).toEqual(response.body);
      const asAssignee = await readFollowUp(response.body.id, tokens.advisor).expect(200);
      expect(asAssignee.body).toMatchObject({ id: response.body.id, state: 'due' });
    });

    it.each([
      ['overdue', addDays(TODAY, -3)],
      ['due', TODAY],
      ['upcoming', addDays(TODAY, 1)],
    ])('gives a task due on a date the state %s relative to the Montréal date', async (state, dueOn) => {
      const project = await projectFor(ids.advisor);
      const created = await newFollowUp(project.id, { dueOn, note: `État ${state}` });
      expect(created).toMatchObject({ dueOn, state });
    });

    it('lets an advisor write a task on their own project, for themselves', async () => {
      const project = await projectFor(ids.advisor);
      const implicit = await createFollowUp(
        project.id,
        { dueOn: '2026-12-01', note: 'Relancer la caisse' },
        tokens.advisor,
      ).expect(201);
      expect(implicit.body).toMatchObject({ assigneeId: ids.advisor, createdById: ids.advisor, state: 'upcoming' });
      const explicit = await createFollowUp(
        project.id,
        { dueOn: '2026-12-02', note: 'Préparer la rencontre', assigneeId: ids.advisor },
        tokens.advisor,
      ).expect(201);
      expect(explicit.body).toMatchObject({
        assigneeId: ids.advisor,
        assignee: { id: ids.advisor, name: 'Test advisor' },
      });
    });

    it.each([
      ['another advisor', () => ids.advisor, () => otherAdvisorId, 'Test advisor-b'],
      ['a coordinator', () => ids.advisor, () => ids.coordinator, 'Test coordinator'],
      ['an admin', () => null, () => ids.admin, null],
    ])('lets a coordinator assign a task to %s', async (_, projectAdvisor, assignee, name) => {
      const project = await projectFor(projectAdvisor());
      const response = await createFollowUp(project.id, {
        dueOn: TODAY,
        note: 'Vérifier les statuts',
        assigneeId: assignee(),
      }).expect(201);
      expect(response.body.assigneeId).toBe(assignee());
      if (name) expect(response.body.assignee).toEqual({ id: assignee(), name });
      else expect(response.body.assignee).toEqual({ id: assignee(), name: expect.any(String) });
    });

    it('lets an admin create a task on any project', async () => {
      const project = await projectFor(otherAdvisorId);
      const response = await createFollowUp(project.id, { dueOn: TODAY, note: 'Par un admin' }, tokens.admin).expect(
        201,
      );
      expect(response.body).toMatchObject({ assigneeId: otherAdvisorId, createdById: ids.admin });
    });

    it('accepts a note of exactly 2000 characters', async () => {
      const project = await projectFor(ids.advisor);
      const response = await createFollowUp(project.id, { dueOn: TODAY, note: 'n'.repeat(2000) }).expect(201);
      expect(response.body.note).toHaveLength(2000);
    });

    it.each([
      ['a dueOn that is not a date', { dueOn: 'demain' }, 'dueOn'],
      ['a dueOn that does not exist (February 30th)', { dueOn: '2026-02-30' }, 'dueOn'],
      ['a dueOn written day first', { dueOn: '23/11/2026' }, 'dueOn'],
      ['a dueOn with a time', { dueOn: '2026-11-23T10:00:00Z' }, 'dueOn'],
      ['no dueOn', { dueOn: undefined }, 'dueOn'],
      ['an empty note', { note: '' }, 'note'],
      ['a note of spaces only', { note: '    ' }, 'note'],
      ['no note', { note: undefined }, 'note'],
      ['a note of 2001 characters', { note: 'n'.repeat(2001) }, 'note'],
      ['an assigneeId that is not a number', { assigneeId: 'someone' }, 'assigneeId'],
      ['an assigneeId of 0', { assigneeId: 0 }, 'assigneeId'],
      ['an unknown field', { priority: 'high' }, 'priority'],
    ])('refuses %s with 400 naming the field, and writes nothing', async (_, overrides, field) => {
      const project = await projectFor(ids.advisor);
      const response = await expectRefused(
        () => createFollowUp(project.id, { dueOn: TODAY, note: 'Une tâche', ...overrides }),
        400,
      );
      expect(fieldsOf(response.body)).toContain(field);
      expect(response.body.message).toContain(field);
    });

    it.each([
      ['a viewer as assignee', () => ids.viewer, /assigneeId \d+ is not an active advisor, coordinator or admin/],
      [
        'an assignee who does not exist',
        () => 999999,
        /assigneeId 999999 is not an active advisor, coordinator or admin/,
      ],
    ])('refuses %s with 422 and writes nothing', async (_, assignee, message) => {
      const project = await projectFor(ids.advisor);
      await expectRefused(
        () => createFollowUp(project.id, { dueOn: TODAY, note: 'Une tâche', assigneeId: assignee() }),
        422,
        message,
      );
    });

    it('refuses a deactivated user as assignee with 422', async () => {
      const retiredId = await t.userIdFor('advisor', 'retired-advisor');
      await t.http().patch(`/users/${retiredId}`).set(bearer(tokens.admin)).send({ active: false }).expect(200);
      const project = await projectFor(ids.advisor);
      await expectRefused(
        () => createFollowUp(project.id, { dueOn: TODAY, note: 'Une tâche', assigneeId: retiredId }),
        422,
        /assigneeId \d+ is not an active/,
      );
    });

    it('refuses a task on a project with no advisor when nobody is named (422)', async () => {
      const project = await projectFor(null);
      await expectRefused(() => createFollowUp(project.id, { dueOn: TODAY, note: 'À qui?' }), 422, /has no advisor/);
      // Naming someone makes it fine.
      await createFollowUp(project.id, { dueOn: TODAY, note: 'À qui?', assigneeId: ids.coordinator }).expect(201);
    });

    it("refuses an advisor writing on another advisor's project, or on an unassigned one (403)", async () => {
      const others = await projectFor(otherAdvisorId);
      await expectRefused(() => createFollowUp(others.id, { dueOn: TODAY, note: 'Pas à moi' }, tokens.advisor), 403);
      await expectRefused(
        () => createFollowUp(others.id, { dueOn: TODAY, note: 'Pas à moi', assigneeId: ids.advisor }, tokens.advisor),
        403,
      );
      const unassigned = await projectFor(null);
      await expectRefused(
        () =>
          createFollowUp(unassigned.id, { dueOn: TODAY, note: 'Personne', assigneeId: ids.advisor }, tokens.advisor),
        403,
      );
    });

    it('refuses an advisor assigning a task to someone else, even on their own project (403)', async () => {
      const project = await projectFor(ids.advisor);
      await expectRefused(
        () =>
          createFollowUp(
            project.id,
            { dueOn: TODAY, note: 'Pour un collègue', assigneeId: otherAdvisorId },
            tokens.advisor,
          ),
        403,
      );
      await expectRefused(
        () =>
          createFollowUp(
            project.id,
            { dueOn: TODAY, note: 'Pour la coordination', assigneeId: ids.coordinator },
            tokens.advisor,
          ),
        403,
      );
    });

    it('refuses a viewer (403)', async () => {
      const project = await projectFor(ids.advisor);
      await expectRefused(
        () => createFollowUp(project.id, { dueOn: TODAY, note: 'Lecture seule' }, tokens.viewer),
        403,
      );
    });

    it('answers 404 for a project that does not exist, and 400 for a path id that is not one', async () => {
      await expectRefused(() => createFollowUp(999999, { dueOn: TODAY, note: 'Nulle part' }), 404, /Project 999999/);
      await expectRefused(() => createFollowUp(0, { dueOn: TODAY, note: 'Nulle part' }), 400, /id/);
    });
  });

  describe('GET /follow-ups', () => {
    /** An advisor of this block only, so that "their tasks" are exactly the ones made here. */
    let lister: string;
    let listerId: number;
    let projectId: number;
    let otherProjectId: number;
    const made: Record<string, FollowUpBody> = {};
    const idsOf = (body: { items: FollowUpBody[] }) => body.items.map((f) => f.id);

    beforeAll(async () => {
      setNow(T0);
      lister = await t.tokenFor('advisor', 'lister');
      listerId = await t.userIdFor('advisor', 'lister');
      projectId = (await projectFor(listerId)).id;
      otherProjectId = (await projectFor(listerId)).id;
      // Made out of date order on purpose: the list sorts by dueOn, then id.
      for (const [key, dueOn, project] of [
        ['later', '2026-12-15', projectId],
        ['tomorrow', '2026-11-24', projectId],
        ['today', TODAY, projectId],
        ['late', '2026-11-20', projectId],
        ['lateToo', '2026-11-20', otherProjectId],
        ['finished', '2026-11-21', projectId],
      ] as const) {
        made[key] = await newFollowUp(project, { dueOn, note: `Tâche ${key}` }, lister);
      }
      await patchFollowUp(made.finished.id, { done: true }, lister).expect(200);
      // Someone else's task on the same project: never in the lister's list.
      made.foreign = await newFollowUp(projectId, {
        dueOn: TODAY,
        note: 'Pour la coordination',
        assigneeId: ids.coordinator,
      });
    });

    it("lists an advisor's own tasks by default, ordered by due date then id", async () => {
      const response = await listFollowUps({}, lister).expect(200);
      expect(response.body).toEqual({
        items: expect.any(Array),
        total: 6,
        page: 1,
        pageSize: 50,
      });
      expect(idsOf(response.body)).toEqual([
        made.late.id,
        made.lateToo.id,
        made.finished.id,
        made.today.id,
        made.tomorrow.id,
        made.later.id,
      ]);
      expect(response.body.items.map((f: FollowUpBody) => f.state)).toEqual([
        'overdue',
        'overdue',
        'done',
        'due',
        'upcoming',
        'upcoming',
      ]);
      expect(response.body.items[0]).toMatchObject({
        project: { id: projectId },
        assignee: { id: listerId, name: 'Test lister' },
        kind: 'task',
      });

      const explicit = await listFollowUps({ assignee: 'me' }, lister).expect(200);
      expect(explicit.body).toEqual(response.body);
      const byId = await listFollowUps({ assignee: listerId }, lister).expect(200);
      expect(byId.body).toEqual(response.body);
    });

    it.each([
      ['due', ['today']],
      ['overdue', ['late', 'lateToo']],
      ['upcoming', ['tomorrow', 'later']],
      ['done', ['finished']],
      ['open', ['late', 'lateToo', 'today', 'tomorrow', 'later']],
    ])('filters state=%s relative to the Montréal date of the clock', async (state, keys) => {
      const response = await listFollowUps({ state }, lister).expect(200);
      expect(idsOf(response.body)).toEqual(keys.map((k) => made[k].id));
      expect(response.body.total).toBe(keys.length);
      if (state !== 'open') expect(response.body.items.every((f: FollowUpBody) => f.state === state)).toBe(true);
    });

    it('takes "today" in Montréal, not in UTC', async () => {
      // 22:00 in Montréal on the 23rd is already the 24th in UTC: today is still the 23rd.
      setNow('2026-11-24T03:00:00Z');
      const evening = await listFollowUps({ state: 'due' }, lister).expect(200);
      expect(idsOf(evening.body)).toEqual([made.today.id]);
      // Midnight in Montréal (05:00 UTC in winter): the 24th has begun, the 23rd's task is overdue.
      setNow('2026-11-24T05:00:00Z');
      const midnight = await listFollowUps({ state: 'due' }, lister).expect(200);
      expect(idsOf(midnight.body)).toEqual([made.tomorrow.id]);
      const overdue = await listFollowUps({ state: 'overdue' }, lister).expect(200);
      expect(idsOf(overdue.body)).toEqual([made.late.id, made.lateToo.id, made.today.id]);
      expect((await readFollowUp(made.today.id, lister).expect(200)).body.state).toBe('overdue');
    });

    it('filters by projectId', async () => {
      const response = await listFollowUps({ projectId: otherProjectId }, lister).expect(200);
      expect(idsOf(response.body)).toEqual([made.lateToo.id]);
      const coordinatorView = await listFollowUps({ projectId }).expect(200);
      expect(idsOf(coordinatorView.body)).toEqual([
        made.late.id,
        made.finished.id,
        made.today.id,
        made.foreign.id,
        made.tomorrow.id,
        made.later.id,
      ]);
    });

    it('pages, keeping the total', async () => {
      const page2 = await listFollowUps({ page: 2, pageSize: 2 }, lister).expect(200);
      expect(page2.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
      expect(idsOf(page2.body)).toEqual([made.finished.id, made.today.id]);
      const beyond = await listFollowUps({ page: 9, pageSize: 2 }, lister).expect(200);
      expect(beyond.body).toEqual({ items: [], total: 6, page: 9, pageSize: 2 });
    });

    it("shows coordinators and admins everyone's tasks by default, and one person's with assignee", async () => {
      const mine = await listFollowUps({ assignee: 'me', projectId }, tokens.coordinator).expect(200);
      expect(idsOf(mine.body)).toEqual([made.foreign.id]);
      for (const role of MANAGERS) {
        const all = await listFollowUps({ pageSize: 500 }, tokens[role]).expect(200);
        expect(idsOf(all.body)).toEqual(expect.arrayContaining(Object.values(made).map((f) => f.id)));
        const theirs = await listFollowUps({ assignee: listerId, state: 'open' }, tokens[role]).expect(200);
        expect(idsOf(theirs.body)).toEqual([
          made.late.id,
          made.lateToo.id,
          made.today.id,
          made.tomorrow.id,
          made.later.id,
        ]);
        const unassigned = await listFollowUps({ assignee: 'none', projectId }, tokens[role]).expect(200);
        expect(unassigned.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
      }
    });

    it("refuses an advisor asking for someone else's tasks or the unassigned ones (403)", async () => {
      for (const assignee of [String(otherAdvisorId), String(ids.coordinator), 'none']) {
        const response = await listFollowUps({ assignee }, lister).expect(403);
        expectErrorShape(response.body, 403);
      }
    });

    it.each([
      ['an unknown state', { state: 'late' }, 'state'],
      ['an assignee that is neither me, none nor an id', { assignee: 'everyone' }, 'assignee'],
      ['an assignee id of 0', { assignee: '0' }, 'assignee'],
      ['a projectId that is not a number', { projectId: 'abc' }, 'projectId'],
      ['a pageSize of 0', { pageSize: 0 }, 'pageSize'],
      ['an unknown parameter', { sort: 'dueOn' }, 'sort'],
    ])('refuses %s with 400 naming it', async (_, query, field) => {
      const response = await listFollowUps(query).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('refuses a viewer the whole resource (403)', async () => {
      for (const path of ['/follow-ups', '/follow-ups?assignee=me', `/follow-ups/${made.today.id}`]) {
        const response = await t.http().get(path).set(bearer(tokens.viewer));
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expectErrorShape(response.body, 403);
      }
    });
  });

  describe('GET /follow-ups/:id', () => {
    it("shows an advisor their own task, refuses them another's (403), and shows coordinators all", async () => {
      const project = await projectFor(otherAdvisorId);
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'Tâche de advisor-b' });
      await readFollowUp(task.id, otherAdvisor).expect(200);
      const refused = await readFollowUp(task.id, tokens.advisor).expect(403);
      expectErrorShape(refused.body, 403);
      expect(JSON.stringify(refused.body)).not.toContain('Tâche de advisor-b');
      for (const role of MANAGERS)
        expect((await readFollowUp(task.id, tokens[role]).expect(200)).body).toMatchObject({
          id: task.id,
          note: 'Tâche de advisor-b',
        });
    });

    it('answers 404 for a task that does not exist and 400 for an id that is not one', async () => {
      expectErrorShape((await readFollowUp(999999).expect(404)).body, 404);
      const bad = await t.http().get('/follow-ups/abc').set(bearer(tokens.coordinator)).expect(400);
      expectErrorShape(bad.body, 400);
    });
  });

  describe('PATCH /follow-ups/:id', () => {
    const idsOfList = (response: Response) => (response.body.items as FollowUpBody[]).map((f) => f.id);
    let project: ProjectBody;
    beforeEach(async () => {
      project = await projectFor(ids.advisor);
    });

    it('marks a task done at the clock time, by whom, then reopens it', async () => {
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'Envoyer le gabarit' }, tokens.advisor);
      const doneAt = setNow('2026-11-23T20:30:00Z');
      const done = await patchFollowUp(task.id, { done: true, outcome: '  Gabarit envoyé  ' }, tokens.advisor).expect(
        200,
      );
      expect(done.body).toMatchObject({
        id: task.id,
        state: 'done',
        doneAt: doneAt.toISOString(),
        doneById: ids.advisor,
        outcome: 'Gabarit envoyé',
        dueOn: TODAY,
      });
      expect((await readFollowUp(task.id).expect(200)).body).toMatchObject({
        state: 'done',
        doneAt: doneAt.toISOString(),
        doneById: ids.advisor,
      });
      expect(idsOfList(await listFollowUps({ state: 'done', projectId: project.id }).expect(200))).toEqual([task.id]);

      // Done again later: it stays done when it was done.
      setNow('2026-11-25T15:00:00Z');
      const again = await patchFollowUp(task.id, { done: true }).expect(200);
      expect(again.body).toMatchObject({ state: 'done', doneAt: doneAt.toISOString(), doneById: ids.advisor });

      // Reopened on the 25th: a task due on the 23rd is overdue.
      const reopened = await patchFollowUp(task.id, { done: false }, tokens.advisor).expect(200);
      expect(reopened.body).toMatchObject({
        state: 'overdue',
        doneAt: null,
        doneById: null,
        outcome: 'Gabarit envoyé',
      });
      expect(idsOfList(await listFollowUps({ state: 'done', projectId: project.id }).expect(200))).toEqual([]);
      expect(idsOfList(await listFollowUps({ state: 'overdue', projectId: project.id }).expect(200))).toEqual([
        task.id,
      ]);
    });

    it('reschedules a task, and its state follows the new date', async () => {
      const task = await newFollowUp(project.id, { dueOn: '2026-11-20', note: 'Relancer le notaire' });
      expect(task.state).toBe('overdue');
      const toToday = await patchFollowUp(task.id, { dueOn: TODAY }, tokens.advisor).expect(200);
      expect(toToday.body).toMatchObject({ dueOn: TODAY, state: 'due' });
      const later = await patchFollowUp(task.id, { dueOn: '2027-01-08' }, tokens.advisor).expect(200);
      expect(later.body).toMatchObject({ dueOn: '2027-01-08', state: 'upcoming' });
      expect((await readFollowUp(task.id).expect(200)).body).toMatchObject({ dueOn: '2027-01-08', state: 'upcoming' });
    });

    it('edits the note and the outcome, and clears the outcome with null', async () => {
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'Première version' });
      const edited = await patchFollowUp(
        task.id,
        { note: 'Deuxième version', outcome: 'Rien de neuf' },
        tokens.advisor,
      ).expect(200);
      expect(edited.body).toMatchObject({ note: 'Deuxième version', outcome: 'Rien de neuf', state: 'due' });
      const cleared = await patchFollowUp(task.id, { outcome: null }, tokens.advisor).expect(200);
      expect(cleared.body).toMatchObject({ note: 'Deuxième version', outcome: null });
    });

    it('lets a coordinator hand a task to someone else, and refuses an advisor doing so (403)', async () => {
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'À déléguer' }, tokens.advisor);
      const refused = await patchFollowUp(task.id, { assigneeId: otherAdvisorId }, tokens.advisor).expect(403);
      expectErrorShape(refused.body, 403);
      expect((await readFollowUp(task.id).expect(200)).body).toMatchObject({ assigneeId: ids.advisor });

      // Naming themselves, who already have it, changes nothing and is fine.
      await patchFollowUp(task.id, { assigneeId: ids.advisor, note: 'À déléguer bientôt' }, tokens.advisor).expect(200);

      const handed = await patchFollowUp(task.id, { assigneeId: otherAdvisorId }).expect(200);
      expect(handed.body).toMatchObject({
        assigneeId: otherAdvisorId,
        assignee: { id: otherAdvisorId, name: 'Test advisor-b' },
      });
      // Now it is the other advisor's: the first one neither sees nor changes it.
      expectErrorShape((await readFollowUp(task.id, tokens.advisor).expect(403)).body, 403);
      expectErrorShape((await patchFollowUp(task.id, { done: true }, tokens.advisor).expect(403)).body, 403);
      await patchFollowUp(task.id, { done: true }, otherAdvisor).expect(200);
    });

    it('refuses to hand a task to a viewer or to nobody who exists (422), changing nothing', async () => {
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'Reste à moi' });
      for (const assigneeId of [ids.viewer, 999999]) {
        const response = await patchFollowUp(task.id, { assigneeId }).expect(422);
        expectErrorShape(response.body, 422);
        expect(response.body.message).toMatch(/is not an active advisor, coordinator or admin/);
      }
      expect((await readFollowUp(task.id).expect(200)).body).toMatchObject({
        assigneeId: ids.advisor,
        note: 'Reste à moi',
      });
    });

    it("refuses an advisor changing another advisor's task (403), changing nothing", async () => {
      const others = await projectFor(otherAdvisorId);
      const task = await newFollowUp(others.id, { dueOn: TODAY, note: 'Tâche de advisor-b' });
      for (const body of [{ done: true }, { note: 'Pris' }, { dueOn: '2027-01-01' }]) {
        const response = await patchFollowUp(task.id, body, tokens.advisor).expect(403);
        expectErrorShape(response.body, 403);
      }
      expect((await readFollowUp(task.id).expect(200)).body).toMatchObject({
        note: 'Tâche de advisor-b',
        dueOn: TODAY,
        doneAt: null,
        state: 'due',
      });
    });

    it.each([
      ['a dueOn that does not exist', { dueOn: '2026-02-30' }, 'dueOn'],
      ['a dueOn that is not a date', { dueOn: 'lundi' }, 'dueOn'],
      ['done that is not a boolean', { done: 'yes' }, 'done'],
      ['an empty note', { note: ' ' }, 'note'],
      ['a note of 2001 characters', { note: 'n'.repeat(2001) }, 'note'],
      ['an empty outcome', { outcome: '' }, 'outcome'],
      ['an assigneeId that is not a whole number', { assigneeId: 2.5 }, 'assigneeId'],
      ['an unknown field', { kind: 'check_in' }, 'kind'],
      ['a null dueOn (the task must keep a date)', { dueOn: null }, 'dueOn'],
      ['a null note (the task must keep its note)', { note: null }, 'note'],
      ['a null assigneeId', { assigneeId: null }, 'assigneeId'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_, body, field) => {
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'Intacte' });
      const response = await patchFollowUp(task.id, body).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain(field);
      expect((await readFollowUp(task.id).expect(200)).body).toMatchObject({
        dueOn: TODAY,
        note: 'Intacte',
        kind: 'task',
        assigneeId: ids.advisor,
        doneAt: null,
      });
    });

    it('answers 404 for a task that does not exist', async () => {
      expectErrorShape((await patchFollowUp(999999, { done: true }).expect(404)).body, 404);
    });

    it('refuses a viewer (403)', async () => {
      const task = await newFollowUp(project.id, { dueOn: TODAY, note: 'Pas pour les lecteurs' });
      expectErrorShape((await patchFollowUp(task.id, { done: true }, tokens.viewer).expect(403)).body, 403);
      expect((await readFollowUp(task.id).expect(200)).body.doneAt).toBeNull();
    });
  });

  describe('notes', () => {
    it('adds notes with their author and lists them newest first', async () => {
      const project = await projectFor(ids.advisor);
      const before = await counts();
      const first = await addNote(
        project.id,
        { body: '  La caisse demande des prévisions sur trois ans  ' },
        tokens.advisor,
      ).expect(201);
      expect(first.body).toEqual({
        id: expect.any(Number),
        projectId: project.id,
        authorId: ids.advisor,
        body: 'La caisse demande des prévisions sur trois ans',
        createdAt: expect.any(String),
        author: { id: ids.advisor, name: 'Test advisor' },
      });
      const second = await addNote(project.id, { body: 'Prévisions reçues' }).expect(201);
      const third = await addNote(project.id, { body: 'Rencontre fixée' }, tokens.admin).expect(201);
      expect(await counts()).toEqual({ ...before, notes: before.notes + 3 });

      for (const role of WRITERS) {
        const listed = await t.http().get(`/projects/${project.id}/notes`).set(bearer(tokens[role])).expect(200);
        expect(listed.body.map((n: { id: number }) => n.id)).toEqual([third.body.id, second.body.id, first.body.id]);
        expect(listed.body.map((n: { author: Ref }) => n.author)).toEqual([
          { id: ids.admin, name: expect.any(String) },
          { id: ids.coordinator, name: 'Test coordinator' },
          { id: ids.advisor, name: 'Test advisor' },
        ]);
        expect(listed.body[2]).toEqual(first.body);
      }
      // Another project's notes are its own.
      const other = await projectFor(ids.advisor);
      expect(
        (await t.http().get(`/projects/${other.id}/notes`).set(bearer(tokens.coordinator)).expect(200)).body,
      ).toEqual([]);
    });

    it('refuses a viewer reading or writing notes (403), writing nothing', async () => {
      const project = await projectFor(ids.advisor);
      await addNote(project.id, { body: 'Confidentiel' }).expect(201);
      const read = await t.http().get(`/projects/${project.id}/notes`).set(bearer(tokens.viewer)).expect(403);
      expectErrorShape(read.body, 403);
      expect(JSON.stringify(read.body)).not.toContain('Confidentiel');
      await expectRefused(() => addNote(project.id, { body: 'Lecteur' }, tokens.viewer), 403);
    });

    it("refuses an advisor writing on another advisor's project (403)", async () => {
      const project = await projectFor(otherAdvisorId);
      await expectRefused(() => addNote(project.id, { body: 'Pas mon projet' }, tokens.advisor), 403);
    });

    it.each([
      ['an empty body', { body: '' }],
      ['a body of spaces only', { body: '   ' }],
      ['no body', {}],
      ['a body over 5000 characters', { body: 'b'.repeat(5001) }],
      ['an unknown field', { body: 'Note', pinned: true }],
    ])('refuses %s with 400, writing nothing', async (_, body) => {
      const project = await projectFor(ids.advisor);
      const response = await expectRefused(() => addNote(project.id, body), 400);
      expect(fieldsOf(response.body).length).toBeGreaterThan(0);
    });

    it('answers 404 for a project that does not exist', async () => {
      await expectRefused(() => addNote(999999, { body: 'Nulle part' }), 404);
      expectErrorShape(
        (await t.http().get('/projects/999999/notes').set(bearer(tokens.coordinator)).expect(404)).body,
        404,
      );
    });
  });

  describe('activity and stale projects', () => {
    it('sets lastActivityAt at creation from the clock', async () => {
      const project = await projectFor(ids.advisor);
      expect(project.lastActivityAt).toBe(T0);
      expect((await readProject(project.id)).lastActivityAt).toBe(T0);
    });

    it('flags a demarrage project at premier-contact after more than 60 days without activity; a note starts it over', async () => {
      const project = await projectFor(ids.advisor);
      setNow(after(T0, 59));
      expect(await isStale(project)).toBe(false);
      setNow(after(T0, 60));
      expect(await isStale(project)).toBe(false);
      setNow(after(T0, 61));
      expect(await isStale(project)).toBe(true);

      const noteAt = after(T0, 61);
      const note = await addNote(project.id, { body: 'Appel avec la fondatrice' }, tokens.advisor).expect(201);
      expect(note.body.author).toEqual({ id: ids.advisor, name: 'Test advisor' });
      expect((await readProject(project.id)).lastActivityAt).toBe(noteAt.toISOString());
      expect(await isStale(project)).toBe(false);

      setNow(after(noteAt, 59));
      expect(await isStale(project)).toBe(false);
      setNow(after(noteAt, 61));
      expect(await isStale(project)).toBe(true);
    });

    it('counts a move as activity, and measures from the new stage threshold (accompagnement: 90 days)', async () => {
      const project = await projectFor(ids.advisor);
      setNow(after(T0, 61));
      expect(await isStale(project)).toBe(true);
      const movedAt = after(T0, 61);
      await move(project.id, { to: 'accompagnement' }, tokens.advisor).expect(201);
      expect((await readProject(project.id)).lastActivityAt).toBe(movedAt.toISOString());
      expect(await isStale(project)).toBe(false);
      setNow(after(movedAt, 61));
      expect(await isStale(project)).toBe(false);
      setNow(after(movedAt, 89));
      expect(await isStale(project)).toBe(false);
      setNow(after(movedAt, 91));
      expect(await isStale(project)).toBe(true);
    });

    it('counts creating a task and marking one done as activity, but not editing or rescheduling it', async () => {
      const project = await projectFor(ids.advisor);
      const createdAt = setNow(after(T0, 10));
      const task = await newFollowUp(project.id, { dueOn: '2027-01-15', note: 'Suivi du prêt' }, tokens.advisor);
      expect((await readProject(project.id)).lastActivityAt).toBe(createdAt.toISOString());

      setNow(after(T0, 20));
      await patchFollowUp(task.id, { dueOn: '2027-01-20', note: 'Suivi du prêt (reporté)' }, tokens.advisor).expect(
        200,
      );
      expect((await readProject(project.id)).lastActivityAt).toBe(createdAt.toISOString());

      setNow(after(createdAt, 61));
      expect(await isStale(project)).toBe(true);
      const doneAt = after(createdAt, 61);
      await patchFollowUp(task.id, { done: true }, tokens.advisor).expect(200);
      expect((await readProject(project.id)).lastActivityAt).toBe(doneAt.toISOString());
      expect(await isStale(project)).toBe(false);
    });

    it('does not count a refused request as activity', async () => {
      const project = await projectFor(otherAdvisorId);
      setNow(after(T0, 61));
      await addNote(project.id, { body: 'Pas mon projet' }, tokens.advisor).expect(403);
      await createFollowUp(project.id, { dueOn: TODAY, note: 'Pas mon projet' }, tokens.advisor).expect(403);
      await createFollowUp(project.id, { dueOn: '2026-02-30', note: 'Date impossible' }).expect(400);
      expect((await readProject(project.id)).lastActivityAt).toBe(T0);
      expect(await isStale(project)).toBe(true);
    });

    it('never flags an abandoned enrollment, nor one in a stage without a threshold', async () => {
      const abandoned = await projectFor(ids.advisor);
      const operating = await projectFor(ids.advisor);
      const active = await projectFor(ids.advisor);
      setNow(after(T0, 1));
      const response = await move(abandoned.id, { to: 'abandoned', reason: 'Financement refusé' }).expect(201);
      expect(response.body.enrollment).toMatchObject({ status: 'abandoned' });
      await move(operating.id, { to: 'en-activite' }).expect(201);

      setNow(after(T0, 500));
      expect(await isStale(abandoned)).toBe(false);
      expect(await isStale(operating)).toBe(false);
      expect(await isStale(active)).toBe(true);
    });

    it("follows an admin's change of a stage's staleAfterDays", async () => {
      const stagePath = '/programs/demarrage/stages/premier-contact';
      const project = await projectFor(ids.advisor);
      try {
        setNow(after(T0, 61));
        expect(await isStale(project)).toBe(true);

        const longer = await t
          .http()
          .patch(stagePath)
          .set(bearer(tokens.admin))
          .send({ staleAfterDays: 200 })
          .expect(200);
        expect(longer.body).toMatchObject({ code: 'premier-contact', staleAfterDays: 200 });
        expect(await isStale(project)).toBe(false);
        setNow(after(T0, 199));
        expect(await isStale(project)).toBe(false);
        setNow(after(T0, 201));
        expect(await isStale(project)).toBe(true);

        await t.http().patch(stagePath).set(bearer(tokens.admin)).send({ staleAfterDays: 10 }).expect(200);
        setNow(after(T0, 11));
        expect(await isStale(project)).toBe(true);

        await t.http().patch(stagePath).set(bearer(tokens.admin)).send({ staleAfterDays: null }).expect(200);
        setNow(after(T0, 1000));
        expect(await isStale(project)).toBe(false);
      } finally {
        await t.http().patch(stagePath).set(bearer(tokens.admin)).send({ staleAfterDays: 60 }).expect(200);
      }
      setNow(after(T0, 61));
      expect(await isStale(project)).toBe(true);
    });

    it('lets every role read the stale list, and refuses a stale value that is not true or false (400)', async () => {
      for (const role of ROLES)
        await t.http().get('/projects').query({ stale: 'true' }).set(bearer(tokens[role])).expect(200);
      const response = await t
        .http()
        .get('/projects')
        .query({ stale: 'yes' })
        .set(bearer(tokens.coordinator))
        .expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain('stale');
    });
  });

  describe('snoozes', () => {
    /** A project created at T0 and stale 61 days later, when the clock is left. */
    const staleProject = async (advisorId: number | null = ids.advisor) => {
      const project = await projectFor(advisorId);
      setNow(after(T0, 61));
      expect(await isStale(project)).toBe(true);
      return project;
    };
    /** The local date of T0 + 61 days (10:00 in Montréal on 23 January 2027). */
    const STALE_DAY = '2027-01-23';

    it('hides a stale project until the local date it names, keeps it active, and is not activity', async () => {
      const project = await staleProject();
      const snoozedAt = after(T0, 61);
      const until = addDays(STALE_DAY, 10);
      const response = await snooze(
        project.id,
        { until, reason: '  La banque répond en février  ' },
        tokens.advisor,
      ).expect(200);
      expect(response.body).toMatchObject({
        id: project.id,
        snoozedUntil: until,
        snoozeReason: 'La banque répond en février',
        snoozedById: ids.advisor,
        snoozedAt: snoozedAt.toISOString(),
        lastActivityAt: T0,
        enrollments: [
          expect.objectContaining({
            programCode: 'demarrage',
            status: 'active',
            stage: expect.objectContaining({ code: 'premier-contact' }),
          }),
        ],
      });
      expect(await readProject(project.id)).toMatchObject({
        snoozedUntil: until,
        snoozedById: ids.advisor,
        lastActivityAt: T0,
      });
      expect(await isStale(project)).toBe(false);

      // The evening before, already the next day in UTC: still hidden.
      setNow(`${addDays(until, -1)}T23:30:00-05:00`);
      expect(await isStale(project)).toBe(false);
      // From midnight in Montréal on that date, it shows again.
      setNow(`${until}T00:00:00-05:00`);
      expect(await isStale(project)).toBe(true);
      // The snooze is still recorded; it just no longer hides the project.
      expect((await readProject(project.id)).snoozedUntil).toBe(until);
    });

    it('DELETE /projects/:id/snooze ends it (204): stale again at once, activity unchanged', async () => {
      const project = await staleProject();
      await snooze(project.id, { until: addDays(STALE_DAY, 30), reason: 'En attente du notaire' }).expect(200);
      expect(await isStale(project)).toBe(false);
      const response = await unsnooze(project.id, tokens.advisor).expect(204);
      expect(response.text).toBe('');
      expect(await readProject(project.id)).toMatchObject({
        snoozedUntil: null,
        snoozeReason: null,
        snoozedById: null,
        snoozedAt: null,
        lastActivityAt: T0,
      });
      expect(await isStale(project)).toBe(true);
      // Ending a snooze that is not there is no error.
      await unsnooze(project.id).expect(204);
    });

    it('takes "today" in Montréal: the next local day is the earliest date, up to 366 days ahead', async () => {
      // 22:00 in Montréal on the 23rd, the 24th in UTC: the 24th is still tomorrow.
      setNow('2026-11-24T03:00:00Z');
      const project = await projectFor(ids.advisor);
      await snooze(project.id, { until: '2026-11-24', reason: 'Demain' }).expect(200);
      const latest = addDays(TODAY, 366);
      const far = await snooze(project.id, { until: latest, reason: 'Dans un an' }).expect(200);
      expect(far.body.snoozedUntil).toBe(latest);
    });

    it.each([
      ['today', () => TODAY, /must be after today \(2026-11-23\)/],
      ['yesterday', () => addDays(TODAY, -1), /must be after today/],
      ['more than 366 days away', () => addDays(TODAY, 367), /more than a year away/],
    ])('refuses an until of %s with 422, changing nothing', async (_, until, message) => {
      const project = await projectFor(ids.advisor);
      const response = await snooze(project.id, { until: until(), reason: 'Trop tôt ou trop tard' }).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(message);
      expect(await readProject(project.id)).toMatchObject({ snoozedUntil: null, snoozeReason: null, snoozedAt: null });
    });

    it.each([
      ['no reason', { until: '2026-12-01' }, 'reason'],
      ['an empty reason', { until: '2026-12-01', reason: '  ' }, 'reason'],
      ['a reason over 500 characters', { until: '2026-12-01', reason: 'r'.repeat(501) }, 'reason'],
      ['no until', { reason: 'Plus tard' }, 'until'],
      ['an until that does not exist', { until: '2027-02-29', reason: 'Plus tard' }, 'until'],
      ['an until with a time', { until: '2026-12-01T12:00:00Z', reason: 'Plus tard' }, 'until'],
      ['an unknown field', { until: '2026-12-01', reason: 'Plus tard', days: 10 }, 'days'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_, body, field) => {
      const project = await projectFor(ids.advisor);
      const response = await snooze(project.id, body).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain(field);
      expect((await readProject(project.id)).snoozedUntil).toBeNull();
    });

    it("refuses an advisor snoozing or unsnoozing another advisor's project, and a viewer (403)", async () => {
      const project = await staleProject(otherAdvisorId);
      for (const token of [tokens.advisor, tokens.viewer]) {
        expectErrorShape(
          (await snooze(project.id, { until: addDays(STALE_DAY, 5), reason: 'Pas le mien' }, token).expect(403)).body,
          403,
        );
      }
      expect((await readProject(project.id)).snoozedUntil).toBeNull();
      expect(await isStale(project)).toBe(true);

      await snooze(project.id, { until: addDays(STALE_DAY, 5), reason: 'Par advisor-b' }, otherAdvisor).expect(200);
      for (const token of [tokens.advisor, tokens.viewer]) {
        expectErrorShape((await unsnooze(project.id, token).expect(403)).body, 403);
      }
      expect(await readProject(project.id)).toMatchObject({
        snoozedUntil: addDays(STALE_DAY, 5),
        snoozedById: otherAdvisorId,
        snoozeReason: 'Par advisor-b',
      });
      expect(await isStale(project)).toBe(false);
    });

    it('answers 404 for a project that does not exist', async () => {
      expectErrorShape((await snooze(999999, { until: '2026-12-01', reason: 'Nulle part' }).expect(404)).body, 404);
      expectErrorShape((await unsnooze(999999).expect(404)).body, 404);
    });

    it('counts a note on a snoozed project as activity: it is not stale when the snooze ends', async () => {
      const project = await staleProject();
      await snooze(project.id, { until: addDays(STALE_DAY, 3), reason: 'Vacances' }).expect(200);
      await addNote(project.id, { body: 'De retour' }).expect(201);
      setNow(`${addDays(STALE_DAY, 3)}T12:00:00-05:00`);
      expect(await isStale(project)).toBe(false);
    });
  });

  describe('PATCH /programs/:code checkInOffsets', () => {
    const getProgram = async (code: string) =>
      (await t.http().get(`/programs/${code}`).set(bearer(tokens.viewer)).expect(200)).body;
    const setOffsets = (code: string, checkInOffsets: unknown, token = tokens.admin) =>
      t.http().patch(`/programs/${code}`).set(bearer(token)).send({ checkInOffsets });
    afterAll(async () => {
      await setOffsets('parcours-coop', [30, 90, 180]).expect(200);
    });

    it('starts at [30, 90, 180] for parcours-coop and [] for demarrage', async () => {
      expect(await getProgram('parcours-coop')).toMatchObject({
        code: 'parcours-coop',
        usesCohorts: true,
        checkInOffsets: [30, 90, 180],
      });
      expect(await getProgram('demarrage')).toMatchObject({
        code: 'demarrage',
        usesCohorts: false,
        checkInOffsets: [],
      });
      const all = (await t.http().get('/programs').set(bearer(tokens.advisor)).expect(200)).body as {
        code: string;
        checkInOffsets: number[];
      }[];
      expect(all.find((p) => p.code === 'parcours-coop')!.checkInOffsets).toEqual([30, 90, 180]);
    });

    it('lets an admin set them, sorted, and clear them', async () => {
      const response = await setOffsets('parcours-coop', [365, 14, 60]).expect(200);
      expect(response.body).toMatchObject({
        code: 'parcours-coop',
        checkInOffsets: [14, 60, 365],
        stages: expect.any(Array),
      });
      expect((await getProgram('parcours-coop')).checkInOffsets).toEqual([14, 60, 365]);

      const cleared = await setOffsets('parcours-coop', []).expect(200);
      expect(cleared.body.checkInOffsets).toEqual([]);
      expect((await getProgram('parcours-coop')).checkInOffsets).toEqual([]);

      await setOffsets('parcours-coop', [1095, 1]).expect(200);
      expect((await getProgram('parcours-coop')).checkInOffsets).toEqual([1, 1095]);
      // Setting nothing changes nothing.
      await t.http().patch('/programs/parcours-coop').set(bearer(tokens.admin)).send({}).expect(200);
      expect((await getProgram('parcours-coop')).checkInOffsets).toEqual([1, 1095]);
    });

    it('accepts [] for a program without cohorts, and refuses offsets there (422)', async () => {
      await setOffsets('demarrage', []).expect(200);
      const response = await setOffsets('demarrage', [30]).expect(422);
      expectErrorShape(response.body, 422);
      expect(response.body.message).toMatch(/demarrage has no cohorts/);
      expect((await getProgram('demarrage')).checkInOffsets).toEqual([]);
    });

    it.each([
      ['a zero', [0, 30]],
      ['more than 1095 days', [30, 2000]],
      ['duplicates', [30, 30, 90]],
      ['a fraction', [30, 45.5]],
      ['a string', ['30']],
      ['not an array', 30],
      ['more than 12 offsets', Array.from({ length: 13 }, (_, i) => i + 1)],
    ])('refuses %s with 400 naming checkInOffsets, changing nothing', async (_, offsets) => {
      await setOffsets('parcours-coop', [30, 90, 180]).expect(200);
      const response = await setOffsets('parcours-coop', offsets).expect(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain('checkInOffsets');
      expect((await getProgram('parcours-coop')).checkInOffsets).toEqual([30, 90, 180]);
    });

    it('answers 404 for a program that does not exist', async () => {
      expectErrorShape((await setOffsets('nowhere', []).expect(404)).body, 404);
    });

    it.each(['coordinator', 'advisor', 'viewer'] as Role[])(
      'refuses the %s role (403), changing nothing',
      async (role) => {
        await setOffsets('parcours-coop', [30, 90, 180]).expect(200);
        expectErrorShape((await setOffsets('parcours-coop', [7], tokens[role]).expect(403)).body, 403);
        expect((await getProgram('parcours-coop')).checkInOffsets).toEqual([30, 90, 180]);
      },
    );
  });

  describe('role matrix', () => {
    type Owner = 'this advisor' | 'another advisor';
    let counter = 0;

    const as = (role: Role) => ({
      get: (path: string) => t.http().get(path).set(bearer(tokens[role])),
      post: (path: string, body: object) => t.http().post(path).set(bearer(tokens[role])).send(body),
      patch: (path: string, body: object) => t.http().patch(path).set(bearer(tokens[role])).send(body),
      delete: (path: string) => t.http().delete(path).set(bearer(tokens[role])),
    });
    const advisorOf = (owner: Owner) => (owner === 'this advisor' ? ids.advisor : otherAdvisorId);
    const allowedFor = (owner: Owner) => (owner === 'this advisor' ? WRITERS : MANAGERS);
    const taskOf = async (owner: Owner) => {
      const project = await projectFor(advisorOf(owner));
      return newFollowUp(project.id, { dueOn: TODAY, note: `Tâche de ${owner}` });
    };
    const snoozeState = async (projectId: number) => {
      const project = await readProject(projectId);
      return { snoozedUntil: project.snoozedUntil, snoozedById: project.snoozedById };
    };

    const createTask = (owner: Owner): Case => ({
      action: `POST /projects/:id/follow-ups on a project of ${owner}`,
      allowed: allowedFor(owner),
      okStatus: 201,
      prepare: async (role) => {
        const project = await projectFor(advisorOf(owner));
        return {
          send: () => as(role).post(`/projects/${project.id}/follow-ups`, { dueOn: TODAY, note: `Par ${role}` }),
          state: counts,
        };
      },
    });
    const readTask = (owner: Owner): Case => ({
      action: `GET /follow-ups/:id of a task of ${owner}`,
      allowed: allowedFor(owner),
      okStatus: 200,
      prepare: async (role) => {
        const task = await taskOf(owner);
        return { send: () => as(role).get(`/follow-ups/${task.id}`) };
      },
    });
    const completeTask = (owner: Owner): Case => ({
      action: `PATCH /follow-ups/:id of a task of ${owner}`,
      allowed: allowedFor(owner),
      okStatus: 200,
      prepare: async (role) => {
        const task = await taskOf(owner);
        return {
          send: () => as(role).patch(`/follow-ups/${task.id}`, { done: true }),
          state: async () => (await readFollowUp(task.id).expect(200)).body.doneAt,
        };
      },
    });
    const writeNote = (owner: Owner): Case => ({
      action: `POST /projects/:id/notes on a project of ${owner}`,
      allowed: allowedFor(owner),
      okStatus: 201,
      prepare: async (role) => {
        const project = await projectFor(advisorOf(owner));
        return {
          send: () => as(role).post(`/projects/${project.id}/notes`, { body: `Note de ${role}` }),
          state: counts,
        };
      },
    });
    const snoozeProject = (owner: Owner): Case => ({
      action: `POST /projects/:id/snooze on a project of ${owner}`,
      allowed: allowedFor(owner),
      okStatus: 200,
      prepare: async (role) => {
        const project = await projectFor(advisorOf(owner));
        return {
          send: () => as(role).post(`/projects/${project.id}/snooze`, { until: '2026-12-15', reason: `Par ${role}` }),
          state: () => snoozeState(project.id),
        };
      },
    });
    const unsnoozeProject = (owner: Owner): Case => ({
      action: `DELETE /projects/:id/snooze on a project of ${owner}`,
      allowed: allowedFor(owner),
      okStatus: 204,
      prepare: async (role) => {
        const project = await projectFor(advisorOf(owner));
        await snooze(project.id, { until: '2026-12-15', reason: 'Préparé' }).expect(200);
        return { send: () => as(role).delete(`/projects/${project.id}/snooze`), state: () => snoozeState(project.id) };
      },
    });

    const CASES: Case[] = [
      createTask('this advisor'),
      createTask('another advisor'),
      {
        action: 'GET /follow-ups',
        allowed: WRITERS,
        okStatus: 200,
        prepare: async (role) => ({ send: () => as(role).get('/follow-ups') }),
      },
      readTask('this advisor'),
      readTask('another advisor'),
      completeTask('this advisor'),
      completeTask('another advisor'),
      writeNote('this advisor'),
      writeNote('another advisor'),
      {
        action: 'GET /projects/:id/notes',
        allowed: WRITERS,
        okStatus: 200,
        prepare: async (role) => {
          const project = await projectFor(ids.advisor);
          await addNote(project.id, { body: 'Une note' }).expect(201);
          return { send: () => as(role).get(`/projects/${project.id}/notes`) };
        },
      },
      snoozeProject('this advisor'),
      snoozeProject('another advisor'),
      unsnoozeProject('this advisor'),
      unsnoozeProject('another advisor'),
      {
        action: 'PATCH /programs/:code (checkInOffsets)',
        allowed: ['admin'],
        okStatus: 200,
        prepare: async (role) => {
          counter += 1;
          return {
            send: () => as(role).patch('/programs/parcours-coop', { checkInOffsets: [30, 90, 180 + counter] }),
            state: async () => (await as('admin').get('/programs/parcours-coop').expect(200)).body.checkInOffsets,
          };
        },
      },
    ];
    afterAll(async () => {
      await as('admin')
        .patch('/programs/parcours-coop', { checkInOffsets: [30, 90, 180] })
        .expect(200);
    });

    describe.each(CASES)('$action', (c) => {
      it.each(ROLES)('%s', (role) => expectRoleOutcome(c, role));
    });
  });
});
