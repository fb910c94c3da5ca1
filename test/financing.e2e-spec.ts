import { jest } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import type { Role } from '../src/users/user.entity.js';
import { csvTables, download, readXlsx, sheetValues } from './support/exports.js';
import { createCohort, createProject } from './support/fixtures.js';
import { ROLES } from './support/roles.js';
import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

/** 10:00 in Montréal on Monday 23 November 2026: the service's "now". */
const T0 = '2026-11-23T15:00:00.000Z';
const TODAY = '2026-11-23';
/** 23:30 in Montréal on 23 November is already 24 November in UTC. */
const LATE_EVENING = '2026-11-24T04:30:00.000Z';

interface Financing {
  requestedCents: number;
  grantedCents: number;
  requests: number;
}
interface FundingRequestBody {
  id: number;
  projectId: number;
  sourceCode: string;
  instrument: string;
  requestedCents: number;
  grantedCents: number | null;
  status: string;
  submittedOn: string | null;
  decidedOn: string | null;
  paidOn: string | null;
  note?: string | null;
  recordedBy: { id: number; name: string } | null;
  demo: boolean;
}

/** Dollars with two decimals, from cents, as a funder's spreadsheet shows them. */
const dollars = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

describe('financing: funding requests, their sources, and the totals on projects and exports', () => {
  let t: TestApp;
  let clock: Clock;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  let otherAdvisor: string;

  const setNow = (instant: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));
  const requestCount = async () =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM funding_requests'))[0].n);
  const post = (projectId: number, body: object, token = tokens.advisor) =>
    t.http().post(`/projects/${projectId}/funding-requests`).set(bearer(token)).send(body);
  const patch = (id: number, body: object, token = tokens.advisor) =>
    t.http().patch(`/funding-requests/${id}`).set(bearer(token)).send(body);
  const listOf = async (projectId: number, token = tokens.coordinator) =>
    (await t.http().get(`/projects/${projectId}/funding-requests`).set(bearer(token)).expect(200)).body as {
      items: FundingRequestBody[];
      financing: Financing;
    };
  const projectFinancing = async (projectId: number) =>
    (await t.http().get(`/projects/${projectId}`).set(bearer(tokens.viewer)).expect(200)).body.financing as Financing;

  /** The totals as the test computes them from the requests it reads back. */
  const totalsOf = (requests: FundingRequestBody[]): Financing => ({
    requestedCents: requests.reduce((sum, r) => sum + r.requestedCents, 0),
    grantedCents: requests
      .filter((r) => r.status === 'granted' || r.status === 'paid')
      .reduce((sum, r) => sum + r.grantedCents!, 0),
    requests: requests.length,
  });

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    setNow(T0);
    for (const role of ROLES) {
      tokens[role] = await t.tokenFor(role);
      ids[role] = await t.userIdFor(role);
    }
    otherAdvisor = await t.tokenFor('advisor', 'advisor-b');
  });
  beforeEach(() => setNow(T0));
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  describe('sources', () => {
    it('lists the seeded sources in order, to every role', async () => {
      for (const role of ROLES) {
        const response = await t.http().get('/financing-sources').set(bearer(tokens[role])).expect(200);
        expect(response.body.map((s: { code: string; position: number; active: boolean }) => s.code)).toEqual([
          'caisses',
          'fonds-pret-patient',
          'programmes-publics',
          'fonds-municipaux',
          'emission-parts',
          'autre',
        ]);
      }
      const [first] = (await t.http().get('/financing-sources').set(bearer(tokens.viewer))).body;
      expect(first).toEqual({
        code: 'caisses',
        labelFr: 'Caisses Desjardins et coopératives de crédit',
        labelEn: 'Desjardins caisses and credit unions',
        position: 1,
        active: true,
      });
    });

    it('lets admins alone add, relabel and retire a source; a retired one takes no new request', async () => {
      const source = { code: 'fonds-regional', labelFr: 'Fonds régional', labelEn: 'Regional fund', position: 2 };
      for (const role of ['coordinator', 'advisor', 'viewer'] as Role[])
        await t.http().post('/financing-sources').set(bearer(tokens[role])).send(source).expect(403);
      const created = await t.http().post('/financing-sources').set(bearer(tokens.admin)).send(source).expect(201);
      expect(created.body).toEqual({ ...source, active: true });
      const list = (await t.http().get('/financing-sources').set(bearer(tokens.viewer))).body;
      expect(list.map((s: { code: string }) => s.code).slice(0, 3)).toEqual([
        'caisses',
        'fonds-regional',
        'fonds-pret-patient',
      ]);
      expect(list.map((s: { position: number }) => s.position)).toEqual(list.map((_: unknown, i: number) => i + 1));
      await t.http().post('/financing-sources').set(bearer(tokens.admin)).send(source).expect(409);

      const project = await createProject(t, tokens.advisor);
      const body = {
        sourceCode: 'fonds-regional',
        instrument: 'grant',
        requestedCents: 500000,
        status: 'in_preparation',
      };
      const used = (await post(project.id, body).expect(201)).body as FundingRequestBody;

      await t
        .http()
        .patch('/financing-sources/fonds-regional')
        .set(bearer(tokens.coordinator))
        .send({ active: false })
        .expect(403);
      const retired = await t
        .http()
        .patch('/financing-sources/fonds-regional')
        .set(bearer(tokens.admin))
        .send({ active: false, labelEn: 'Regional fund (closed)' })
        .expect(200);
      expect(retired.body).toMatchObject({ active: false, labelEn: 'Regional fund (closed)', position: 2 });

      const before = await requestCount();
      const refused = await post(project.id, body).expect(400);
      expectErrorShape(refused.body, 400);
      expect(fieldsOf(refused.body)).toEqual(['sourceCode']);
      expect(refused.body.message).toContain('retired');
      expect(await requestCount()).toBe(before);
      // The request made before keeps its source, and can still change its other fields.
      await patch(used.id, { requestedCents: 600000 }).expect(200);

      const deleting = await t.http().delete('/financing-sources/fonds-regional').set(bearer(tokens.admin));
      expect(deleting.status).toBe(409);
      expectErrorShape(deleting.body, 409);

      await t.http().delete(`/funding-requests/${used.id}`).set(bearer(tokens.advisor)).expect(204);
      await t.http().delete('/financing-sources/fonds-regional').set(bearer(tokens.viewer)).expect(403);
      await t.http().delete('/financing-sources/fonds-regional').set(bearer(tokens.admin)).expect(204);
      const after = (await t.http().get('/financing-sources').set(bearer(tokens.viewer))).body;
      expect(after.map((s: { code: string }) => s.code)).not.toContain('fonds-regional');
      expect(after.map((s: { position: number }) => s.position)).toEqual(after.map((_: unknown, i: number) => i + 1));
      await t.http().delete('/financing-sources/fonds-regional').set(bearer(tokens.admin)).expect(404);
    });
  });

  describe('requests through their statuses', () => {
    it("records a project's requests from preparation to payment; its totals are the sums of what was recorded", async () => {
      const project = await createProject(t, tokens.advisor);
      expect(await projectFinancing(project.id)).toEqual({ requestedCents: 0, grantedCents: 0, requests: 0 });

      const loan = (
        await post(project.id, {
          sourceCode: 'caisses',
          instrument: 'loan',
          requestedCents: 4_500_000,
          status: 'in_preparation',
          note: 'La caisse veut les prévisions sur trois ans',
        }).expect(201)
      ).body as FundingRequestBody;
      expect(loan).toMatchObject({
        projectId: project.id,
        grantedCents: null,
        status: 'in_preparation',
        submittedOn: null,
        recordedBy: { id: ids.advisor },
        demo: false,
      });

      const submitted = (await patch(loan.id, { status: 'submitted', submittedOn: '2026-10-01' }).expect(200)).body;
      expect(submitted).toMatchObject({ status: 'submitted', submittedOn: '2026-10-01' });
      const granted = (
        await patch(loan.id, { status: 'granted', decidedOn: '2026-11-02', grantedCents: 4_000_000 }).expect(200)
      ).body;
      expect(granted).toMatchObject({ status: 'granted', submittedOn: '2026-10-01', grantedCents: 4_000_000 });
      const paid = (await patch(loan.id, { status: 'paid', paidOn: TODAY }).expect(200)).body;
      expect(paid).toMatchObject({ status: 'paid', decidedOn: '2026-11-02', paidOn: TODAY, grantedCents: 4_000_000 });

      await post(project.id, {
        sourceCode: 'fonds-pret-patient',
        instrument: 'patient_loan',
        requestedCents: 2_000_055,
        grantedCents: 1_250_025,
        status: 'granted',
        submittedOn: '2026-09-15',
        decidedOn: '2026-10-20',
      }).expect(201);
      await post(project.id, {
        sourceCode: 'programmes-publics',
        instrument: 'grant',
        requestedCents: 1_000_000,
        status: 'refused',
        decidedOn: '2026-11-20',
      }).expect(201);
      await post(project.id, {
        sourceCode: 'emission-parts',
        instrument: 'members_shares',
        requestedCents: 300_000,
        status: 'submitted',
        submittedOn: '2026-11-01',
      }).expect(201);

      const { items, financing } = await listOf(project.id);
      expect(items.map((r) => r.status)).toEqual(['paid', 'granted', 'refused', 'submitted']);
      const computed = totalsOf(items);
      expect(computed).toEqual({
        requestedCents: 4_500_000 + 2_000_055 + 1_000_000 + 300_000,
        grantedCents: 4_000_000 + 1_250_025,
        requests: 4,
      });
      expect(financing).toEqual(computed);
      expect(await projectFinancing(project.id)).toEqual(computed);

      // A refusal after a grant: the amount granted goes with the status, and out of the total.
      const [, patient] = items;
      const refused = (await patch(patient.id, { status: 'refused' }).expect(200)).body;
      expect(refused).toMatchObject({ status: 'refused', grantedCents: null, decidedOn: '2026-10-20' });
      const after = await listOf(project.id);
      expect(after.financing).toEqual(totalsOf(after.items));
      expect(after.financing.grantedCents).toBe(4_000_000);

      // The project list carries the totals too (one grouped read for the page).
      const listed = await t.http().get('/projects?pageSize=100').set(bearer(tokens.viewer)).expect(200);
      const row = listed.body.items.find((p: { id: number }) => p.id === project.id);
      expect(row.financing).toEqual(after.financing);
    });

    it('takes today in Montréal as the latest date, whatever the UTC date is', async () => {
      const project = await createProject(t, tokens.advisor);
      setNow(LATE_EVENING);
      const body = { sourceCode: 'caisses', instrument: 'loan', requestedCents: 100, status: 'submitted' };
      const tomorrow = await post(project.id, { ...body, submittedOn: '2026-11-24' }).expect(400);
      expect(fieldsOf(tomorrow.body)).toEqual(['submittedOn']);
      await post(project.id, { ...body, submittedOn: TODAY }).expect(201);
    });
  });

  describe('bad input: 400 naming the field, nothing written', () => {
    let projectId: number;
    const valid = {
      sourceCode: 'caisses',
      instrument: 'loan',
      requestedCents: 1_000_000,
      grantedCents: 800_000,
      status: 'granted',
      submittedOn: '2026-10-01',
      decidedOn: '2026-11-01',
    };
    beforeAll(async () => {
      projectId = (await createProject(t, tokens.advisor)).id;
    });

    const cases: [what: string, body: object, field: string][] = [
      ['a negative amount requested', { requestedCents: -1 }, 'requestedCents'],
      ['a negative amount granted', { grantedCents: -100 }, 'grantedCents'],
      ['a fractional amount (cents are whole)', { requestedCents: 1000.5 }, 'requestedCents'],
      ['an amount as text', { requestedCents: '1000' }, 'requestedCents'],
      ['an amount above the bound', { requestedCents: 1_000_000_001, grantedCents: 1 }, 'requestedCents'],
      ['an unknown source', { sourceCode: 'banque-imaginaire' }, 'sourceCode'],
      ['an unknown instrument', { instrument: 'crowdfunding' }, 'instrument'],
      ['an unknown status', { status: 'maybe' }, 'status'],
      ['granted without its decision date', { decidedOn: null }, 'decidedOn'],
      [
        'submitted without its date',
        { status: 'submitted', grantedCents: null, decidedOn: null, submittedOn: null },
        'submittedOn',
      ],
      ['paid without its date', { status: 'paid' }, 'paidOn'],
      ['a date in the future', { decidedOn: '2026-11-24' }, 'decidedOn'],
      ['a date that does not exist', { decidedOn: '2026-02-30' }, 'decidedOn'],
      ['dates out of order', { submittedOn: '2026-11-02' }, 'decidedOn'],
      ['granted above requested', { grantedCents: 1_000_001 }, 'grantedCents'],
      ['granted without an amount granted', { grantedCents: null }, 'grantedCents'],
      [
        'an amount granted on a request still submitted',
        { status: 'submitted', decidedOn: null, grantedCents: 800_000 },
        'grantedCents',
      ],
      [
        'a decision date on a request in preparation',
        { status: 'in_preparation', submittedOn: null, grantedCents: null, decidedOn: '2026-11-01' },
        'decidedOn',
      ],
    ];

    it.each(cases)('refuses %s on creation', async (_what, change, field) => {
      const before = await requestCount();
      const response = await post(projectId, { ...valid, ...change });
      expect(response.status).toBe(400);
      expectErrorShape(response.body, 400);
      expect(fieldsOf(response.body)).toContain(field);
      expect(await requestCount()).toBe(before);
      expect(await projectFinancing(projectId)).toEqual({ requestedCents: 0, grantedCents: 0, requests: 0 });
    });

    it('refuses the same on a change, and leaves the request as it was', async () => {
      const created = (await post(projectId, valid).expect(201)).body as FundingRequestBody;
      for (const [, change, field] of cases) {
        const response = await patch(created.id, change);
        expect({ change, status: response.status }).toEqual({ change, status: 400 });
        expect(fieldsOf(response.body)).toContain(field);
      }
      const [stored] = (await listOf(projectId)).items;
      expect(stored).toEqual(created);
      await t.http().delete(`/funding-requests/${created.id}`).set(bearer(tokens.advisor)).expect(204);
    });

    it('answers 404 for a project or a request that does not exist, 400 for a bad id', async () => {
      const before = await requestCount();
      expectErrorShape((await post(999_999, valid).expect(404)).body, 404);
      await t.http().get('/projects/999999/funding-requests').set(bearer(tokens.viewer)).expect(404);
      await patch(999_999, { note: 'x' }).expect(404);
      await t.http().delete('/funding-requests/999999').set(bearer(tokens.advisor)).expect(404);
      await t.http().get('/projects/abc/funding-requests').set(bearer(tokens.viewer)).expect(400);
      expect(await requestCount()).toBe(before);
    });
  });

  describe('roles', () => {
    let projectId: number;
    let requestId: number;
    const body = {
      sourceCode: 'fonds-municipaux',
      instrument: 'grant',
      requestedCents: 250_000,
      status: 'submitted',
      submittedOn: '2026-11-10',
      note: "Le conseil de la MRC se réunit en décembre; la trésorière de l'équipe suit le dossier",
    };
    beforeAll(async () => {
      projectId = (await createProject(t, tokens.advisor)).id;
      requestId = (await post(projectId, body).expect(201)).body.id;
    });

    it('lets admins, coordinators and the advisor of the project write; not viewers, not another advisor', async () => {
      for (const role of ['admin', 'coordinator'] as Role[]) {
        const created = await post(projectId, body, tokens[role]).expect(201);
        await patch(created.body.id, { requestedCents: 260_000 }, tokens[role]).expect(200);
        await t.http().delete(`/funding-requests/${created.body.id}`).set(bearer(tokens[role])).expect(204);
      }
      const before = await listOf(projectId);
      for (const token of [tokens.viewer, otherAdvisor]) {
        const writes = [
          await post(projectId, body, token),
          await patch(requestId, { requestedCents: 1 }, token),
          await t.http().delete(`/funding-requests/${requestId}`).set(bearer(token)),
        ];
        for (const response of writes) {
          expect(response.status).toBe(403);
          expectErrorShape(response.body, 403);
        }
      }
      expect(await listOf(projectId)).toEqual(before);
    });

    it('shows viewers the amounts and never the note; staff read the note', async () => {
      const staff = await listOf(projectId, tokens.advisor);
      expect(staff.items[0].note).toBe(body.note);
      const viewer = await listOf(projectId, tokens.viewer);
      expect(viewer.items[0]).not.toHaveProperty('note');
      expect(JSON.stringify(viewer)).not.toContain('MRC');
      const { note: _, ...withoutNote } = staff.items[0];
      expect(viewer.items[0]).toEqual(withoutNote);
      expect(viewer.financing).toEqual(staff.financing);
    });
  });

  describe("the cohort's export", () => {
    let cohortId: number;
    const granted: Record<string, number> = {};

    beforeAll(async () => {
      cohortId = (await createCohort(t, tokens.coordinator)).id;
      const enrol = (name: string) =>
        createProject(t, tokens.coordinator, { programCode: 'parcours-coop', cohortId, name });
      const funded = await enrol('Coop financée');
      const refused = await enrol('Coop refusée');
      await enrol('Coop sans demande');
      const request = (projectId: number, change: object) =>
        post(
          projectId,
          { sourceCode: 'caisses', instrument: 'loan', requestedCents: 5_000_000, ...change },
          tokens.coordinator,
        ).expect(201);
      await request(funded.id, { status: 'granted', grantedCents: 1_250_000, decidedOn: '2026-11-01' });
      await request(funded.id, { status: 'paid', grantedCents: 37_505, decidedOn: '2026-11-01', paidOn: TODAY });
      await request(funded.id, { status: 'submitted', submittedOn: '2026-11-01' });
      await request(refused.id, { status: 'refused', decidedOn: '2026-11-01' });
      for (const project of [funded, refused])
        granted[project.name] = (await projectFinancing(project.id)).grantedCents;
      granted['Coop sans demande'] = 0;
      expect(granted['Coop financée']).toBe(1_250_000 + 37_505);
    });

    it('gives the financing granted in dollars with two decimals in CSV, French and English', async () => {
      for (const [lang, header] of [
        ['fr', 'Financement accordé'],
        ['en', 'Financing granted'],
      ]) {
        const file = await download(t, tokens.viewer, `/cohorts/${cohortId}/export?format=csv&lang=${lang}`);
        const [projects] = csvTables(file.bytes);
        const column = projects[0].indexOf(header);
        expect(column).toBeGreaterThan(0);
        const shown = Object.fromEntries(projects.slice(1).map((row) => [row[0], row[column]]));
        expect(shown).toEqual(Object.fromEntries(Object.entries(granted).map(([name, c]) => [name, dollars(c)])));
        expect(shown['Coop financée']).toBe('12875.05');
        expect(shown['Coop sans demande']).toBe('0.00');
      }
    });

    it('gives it in XLSX as a number cell formatted with two decimals', async () => {
      const workbook = await readXlsx(
        (await download(t, tokens.viewer, `/cohorts/${cohortId}/export?format=xlsx`)).bytes,
      );
      const sheet = workbook.getWorksheet('Projets')!;
      const rows = sheetValues(sheet);
      const column = rows[0].indexOf('Financement accordé');
      expect(column).toBeGreaterThan(0);
      for (const [name, cents] of Object.entries(granted)) {
        const index = rows.findIndex((row) => row[0] === name);
        expect(rows[index][column]).toBe(cents / 100);
        expect(sheet.getRow(index + 1).getCell(column + 1).numFmt).toBe('0.00');
      }
    });

    it('gives it in JSON as cents', async () => {
      const body = (await download(t, tokens.viewer, `/cohorts/${cohortId}/export?format=json`)).json();
      const shown = Object.fromEntries(
        body.projects.map((p: { name: string; financingGrantedCents: number }) => [p.name, p.financingGrantedCents]),
      );
      expect(shown).toEqual(granted);
    });
  });
});
