import type { Role } from '../src/users/user.entity.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { createCohort, createProject } from './support/fixtures.js';
import { csvTables, download, readXlsx, sheetValues } from './support/exports.js';

const NOTE = 'Entente signée, mais la caisse doute de la gérante';
const HOLD_REASON = 'Le fondateur est malade';
const SNOOZE_REASON = 'Congé de maladie du fondateur jusqu’en janvier';
const STAFF: Role[] = ['admin', 'coordinator', 'advisor'];

describe('viewers see no free text written about people', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let project: { id: number; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['admin', 'coordinator', 'advisor', 'viewer'] as Role[]) tokens[role] = await t.tokenFor(role);
    project = await createProject(t, tokens.coordinator, { advisorId: await t.userIdFor('advisor') });
    const asAdvisor = (path: string, body: object, status = 201) =>
      t.http().post(path).set(bearer(tokens.advisor)).send(body).expect(status);
    await asAdvisor(`/projects/${project.id}/transitions`, { to: 'accompagnement', note: NOTE });
    await asAdvisor(`/projects/${project.id}/transitions`, { to: 'on_hold', reason: HOLD_REASON });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await asAdvisor(`/projects/${project.id}/snooze`, { until, reason: SNOOZE_REASON }, 200);
  });
  afterAll(() => t.close());

  const get = async (role: Role, path: string) => (await t.http().get(path).set(bearer(tokens[role])).expect(200)).body;
  const projectAs = (role: Role) => get(role, `/projects/${project.id}`);
  const listedAs = async (role: Role) => (await get(role, `/projects?q=${encodeURIComponent(project.name)}`)).items[0];
  const historyAs = (role: Role) => get(role, `/projects/${project.id}/transitions`);
  const expectNoFreeText = (body: unknown) => {
    for (const text of [NOTE, HOLD_REASON, SNOOZE_REASON]) {
      expect({ text, shown: JSON.stringify(body).includes(text) }).toEqual({ text, shown: false });
    }
  };

  describe.each([
    ['GET /projects/:id', projectAs],
    ['GET /projects', listedAs],
  ])('%s', (_, read) => {
    it.each(STAFF)("shows a %s the snooze reason and the enrollment's status reason", async (role) => {
      const body = await read(role);
      expect(body).toMatchObject({ id: project.id, snoozeReason: SNOOZE_REASON });
      expect(body.enrollments[0]).toMatchObject({ status: 'on_hold', statusReason: HOLD_REASON });
    });

    it('leaves them out for a viewer (no key), and keeps the stages, dates and figures', async () => {
      const body = await read('viewer');
      expect(body).not.toHaveProperty('snoozeReason');
      expect(body.enrollments[0]).not.toHaveProperty('statusReason');
      expect(body).toMatchObject({
        id: project.id,
        entrepreneurCount: 3,
        snoozedUntil: expect.any(String),
        lastActivityAt: expect.any(String),
      });
      expect(body.enrollments[0]).toMatchObject({
        status: 'on_hold',
        stage: { code: 'accompagnement' },
        stageEnteredAt: expect.any(String),
        version: 3,
      });
      expectNoFreeText(body);
    });
  });

  describe('GET /projects/:id/transitions', () => {
    it.each(STAFF)("shows a %s each move's note and reason", async (role) => {
      const history = await historyAs(role);
      const lines = history.map((entry: { to: string; note: string | null; reason: string | null }) => [
        entry.to,
        entry.note,
        entry.reason,
      ]);
      expect(lines).toEqual([
        ['premier-contact', null, null],
        ['accompagnement', NOTE, null],
        ['on_hold', null, HOLD_REASON],
      ]);
    });

    it('leaves them out for a viewer (no key), and keeps the moves, their dates and the days in each stage', async () => {
      const history = await historyAs('viewer');
      for (const entry of history) {
        expect(entry).not.toHaveProperty('note');
        expect(entry).not.toHaveProperty('reason');
      }
      expect(history.map((entry: { from: string | null; to: string }) => [entry.from, entry.to])).toEqual([
        [null, 'premier-contact'],
        ['premier-contact', 'accompagnement'],
        ['accompagnement', 'on_hold'],
      ]);
      expect(history[2]).toMatchObject({
        occurredAt: expect.any(String),
        daysInStage: 0,
        actor: expect.objectContaining({ name: expect.any(String) }),
      });
      expectNoFreeText(history);
    });
  });

  describe('GET /cohorts/:id/export', () => {
    let cohortId: number;
    let advisorEmail: string;

    beforeAll(async () => {
      cohortId = (await createCohort(t, tokens.coordinator)).id;
      const advisorId = await t.userIdFor('advisor');
      advisorEmail = (await get('coordinator', `/users/${advisorId}`)).email;
      const enrolled = await createProject(t, tokens.coordinator, {
        programCode: 'parcours-coop',
        cohortId,
        name: 'Coop en pause (export)',
        advisorId,
      });
      await t
        .http()
        .post(`/projects/${enrolled.id}/transitions`)
        .set(bearer(tokens.advisor))
        .send({ to: 'on_hold', reason: HOLD_REASON })
        .expect(201);
    });

    const exported = (role: Role, format: string) =>
      download(t, tokens[role], `/cohorts/${cohortId}/export?format=${format}`);
    const projectsOf = async (role: Role) => {
      const [projects] = csvTables((await exported(role, 'csv')).bytes);
      const at = (header: string) => projects[0].indexOf(header);
      const row = projects[1];
      return {
        reason: row[at('Motif du statut')],
        statusOn: row[at('Date du statut')],
        email: row[at('Courriel du conseiller·ère')],
      };
    };

    it.each(STAFF)("shows a %s the status reason and the advisor's e-mail", async (role) => {
      expect(await projectsOf(role)).toEqual({
        reason: HOLD_REASON,
        statusOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        email: advisorEmail,
      });
      expect((await exported(role, 'json')).json().projects[0]).toMatchObject({
        status: 'on_hold',
        statusReason: HOLD_REASON,
        advisorEmail,
      });
    });

    it('leaves them blank for a viewer in every format, and keeps the status and its date', async () => {
      const csv = await projectsOf('viewer');
      expect(csv).toEqual({ reason: '', statusOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), email: '' });
      const json = (await exported('viewer', 'json')).json();
      expect(json.projects[0]).toMatchObject({
        status: 'on_hold',
        statusReason: null,
        statusOn: csv.statusOn,
        advisorEmail: null,
      });
      const workbook = await readXlsx((await exported('viewer', 'xlsx')).bytes);
      for (const body of [
        json,
        workbook.worksheets.map(sheetValues),
        (await exported('viewer', 'csv')).bytes.toString(),
      ]) {
        expectNoFreeText(body);
        expect(JSON.stringify(body)).not.toContain(advisorEmail);
      }
    });
  });
});
