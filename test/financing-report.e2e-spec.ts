import type { Role } from '../src/users/user.entity.js';
import { csvTables, download, readXlsx, sheetValues } from './support/exports.js';
import { createCohort, createProject } from './support/fixtures.js';
import { ROLES } from './support/roles.js';
import { bearer, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

// The financing report and the hours and jobs of the year's program report, checked against what
// this file computes from the requests, entries and counts it creates itself.

const YEAR = { label: '2023-2024', from: '2023-04-01', until: '2024-04-01' };
const inYear = (date: string | null) => date !== null && date >= YEAR.from && date < YEAR.until;

/** Dollars with two decimals, from cents, as a funder's spreadsheet shows them. */
const dollars = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

interface Request {
  projectId: number;
  sourceCode: string;
  instrument: string;
  requestedCents: number;
  grantedCents: number | null;
  status: string;
  submittedOn: string | null;
  decidedOn: string | null;
  paidOn: string | null;
}
interface Amounts {
  requestedCents: number;
  grantedCents: number;
}
interface Financed extends Amounts {
  projectsFinanced: number;
}

/** The rule, as the operation states it: requested by `submittedOn`, granted by `decidedOn` (else `paidOn`). */
const grantedInYear = (r: Request) =>
  (r.status === 'granted' || r.status === 'paid') && inYear(r.decidedOn ?? r.paidOn);
const figuresOf = (requests: Request[]): Financed => ({
  requestedCents: requests.filter((r) => inYear(r.submittedOn)).reduce((sum, r) => sum + r.requestedCents, 0),
  grantedCents: requests.filter(grantedInYear).reduce((sum, r) => sum + r.grantedCents!, 0),
  projectsFinanced: new Set(requests.filter(grantedInYear).map((r) => r.projectId)).size,
});
const amountsOf = (requests: Request[]): Amounts => {
  const { requestedCents, grantedCents } = figuresOf(requests);
  return { requestedCents, grantedCents };
};
const sum = <T extends object>(items: T[], key: keyof T) => items.reduce((total, item) => total + Number(item[key]), 0);

describe('the financing report, and the hours and jobs of the program report', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let sources: { code: string; labelFr: string; labelEn: string; active: boolean }[];
  const requests: Request[] = [];
  /** Which projects each program and cohort holds, as the test enrolled them. */
  const programProjects = new Map<string, number[]>();
  const cohortProjects = new Map<number, number[]>();
  const cohorts = {} as Record<'spring' | 'autumn' | 'nextYear', number>;
  const projects = {} as Record<'twoPrograms' | 'autumn' | 'takeover' | 'startUpOnly' | 'nextYear' | 'late', number>;

  const enrol = (projectId: number, programCode: string, cohortId?: number) => {
    programProjects.set(programCode, [...(programProjects.get(programCode) ?? []), projectId]);
    if (cohortId !== undefined) cohortProjects.set(cohortId, [...(cohortProjects.get(cohortId) ?? []), projectId]);
  };
  const fund = async (projectId: number, body: Omit<Request, 'projectId'>) => {
    const response = await t
      .http()
      .post(`/projects/${projectId}/funding-requests`)
      .set(bearer(tokens.coordinator))
      .send(Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null)));
    if (response.status !== 201)
      throw new Error(`funding request: ${response.status} ${JSON.stringify(response.body)}`);
    requests.push({ ...(response.body as Request), projectId });
  };
  const report = (query: string, token = tokens.coordinator) => download(t, token, `/reports/financing${query}`);

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tokens[role] = await t.tokenFor(role);
    const coordinator = tokens.coordinator;
    sources = (await t.http().get('/financing-sources').set(bearer(coordinator)).expect(200)).body;

    const cohort = async (startsOn: string, endsOn: string) =>
      (await createCohort(t, coordinator, { startsOn, endsOn })).id as number;
    cohorts.spring = await cohort('2023-05-01', '2023-09-30');
    cohorts.autumn = await cohort('2023-10-01', '2024-02-28');
    cohorts.nextYear = await cohort('2024-05-01', '2024-09-30');

    const project = async (programCode: string, cohortId?: number, overrides: object = {}) => {
      const created = await createProject(t, coordinator, {
        programCode,
        enrolledAt: '2023-05-01',
        ...(cohortId === undefined ? {} : { cohortId }),
        ...overrides,
      });
      enrol(created.id, programCode, cohortId);
      return created.id as number;
    };
    projects.twoPrograms = await project('parcours-coop', cohorts.spring);
    await t
      .http()
      .post(`/projects/${projects.twoPrograms}/enrollments`)
      .set(bearer(coordinator))
      .send({ programCode: 'demarrage', enrolledAt: '2023-06-01' })
      .expect(201);
    enrol(projects.twoPrograms, 'demarrage');
    projects.autumn = await project('parcours-coop', cohorts.autumn);
    projects.late = await project('parcours-coop', cohorts.spring);
    projects.takeover = await project('transfertcoop', undefined, { kind: 'transfer' });
    projects.startUpOnly = await project('demarrage');
    projects.nextYear = await project('parcours-coop', cohorts.nextYear, { enrolledAt: '2024-05-01' });

    const { twoPrograms, autumn, takeover, startUpOnly, nextYear, late } = projects;
    const [first, second, third] = sources.filter((s) => s.active).map((s) => s.code);
    // Two grants to the project in two programs, so that it is financed in each and once in the network.
    await fund(twoPrograms, {
      sourceCode: first,
      instrument: 'loan',
      requestedCents: 2_500_050,
      grantedCents: 2_000_025,
      status: 'granted',
      submittedOn: '2023-06-15',
      decidedOn: '2023-08-01',
      paidOn: null,
    });
    await fund(twoPrograms, {
      sourceCode: second,
      instrument: 'grant',
      requestedCents: 1_000_000,
      grantedCents: 750_000,
      status: 'paid',
      submittedOn: '2023-07-01',
      decidedOn: '2023-09-01',
      paidOn: '2023-10-01',
    });
    // Asked in the year before, granted in this one: its request counts in 2022-2023, its grant here.
    await fund(autumn, {
      sourceCode: first,
      instrument: 'patient_loan',
      requestedCents: 5_000_001,
      grantedCents: 4_000_099,
      status: 'granted',
      submittedOn: '2023-03-31',
      decidedOn: '2023-04-01',
      paidOn: null,
    });
    // Asked on the year's last day, granted the next year's first: requested here, granted in 2024-2025.
    await fund(takeover, {
      sourceCode: third,
      instrument: 'members_shares',
      requestedCents: 300_075,
      grantedCents: 300_000,
      status: 'granted',
      submittedOn: '2024-03-31',
      decidedOn: '2024-04-01',
      paidOn: null,
    });
    await fund(takeover, {
      sourceCode: second,
      instrument: 'grant',
      requestedCents: 1_234_567,
      grantedCents: null,
      status: 'refused',
      submittedOn: '2023-11-02',
      decidedOn: '2023-12-20',
      paidOn: null,
    });
    await fund(startUpOnly, {
      sourceCode: third,
      instrument: 'loan',
      requestedCents: 888_888,
      grantedCents: null,
      status: 'in_preparation',
      submittedOn: null,
      decidedOn: null,
      paidOn: null,
    });
    // Paid without its decision date: placed by the day it was paid.
    await fund(startUpOnly, {
      sourceCode: third,
      instrument: 'loan',
      requestedCents: 600_000,
      grantedCents: 600_000,
      status: 'paid',
      submittedOn: '2023-05-05',
      decidedOn: null,
      paidOn: '2024-01-10',
    });
    await fund(nextYear, {
      sourceCode: first,
      instrument: 'grant',
      requestedCents: 99_999,
      grantedCents: 99_999,
      status: 'granted',
      submittedOn: '2024-05-02',
      decidedOn: '2024-06-02',
      paidOn: null,
    });
    await fund(late, {
      sourceCode: second,
      instrument: 'loan',
      requestedCents: 450_000,
      grantedCents: null,
      status: 'submitted',
      submittedOn: '2024-02-02',
      decidedOn: null,
      paidOn: null,
    });
  }, 120_000);
  afterAll(() => t?.close());

  describe('GET /reports/financing', () => {
    it('gives in JSON, in cents, the amounts the requests add up to by source, instrument, program and cohort', async () => {
      const file = await report(`?year=${YEAR.label}&format=json`);
      expect(file.status).toBe(200);
      expect(file.headers['content-disposition']).toContain('filename="financement-2023-2024.json"');
      const body = file.json();
      expect(body.year).toBe(YEAR.label);
      expect(body.bySource).toEqual(
        sources.map((s) => ({
          code: s.code,
          labelFr: s.labelFr,
          labelEn: s.labelEn,
          ...amountsOf(requests.filter((r) => r.sourceCode === s.code)),
        })),
      );
      expect(body.byInstrument.map((i: { instrument: string }) => i.instrument)).toEqual([
        'loan',
        'patient_loan',
        'grant',
        'members_shares',
      ]);
      for (const row of body.byInstrument) {
        expect(row).toMatchObject(amountsOf(requests.filter((r) => r.instrument === row.instrument)));
      }
      expect(body.total).toEqual(figuresOf(requests));
      // Figures with something in them: the rule is not trivially met by zeros.
      expect(body.total).toEqual({ requestedCents: 6_084_692, grantedCents: 7_350_124, projectsFinanced: 3 });

      // Totals are the sums of their parts.
      for (const part of [body.bySource, body.byInstrument]) {
        expect({ requestedCents: sum(part, 'requestedCents'), grantedCents: sum(part, 'grantedCents') }).toEqual({
          requestedCents: body.total.requestedCents,
          grantedCents: body.total.grantedCents,
        });
      }

      const programs = new Map(body.programs.map((p: { code: string }) => [p.code, p]));
      for (const [code, ids] of programProjects) {
        expect(programs.get(code)).toMatchObject(figuresOf(requests.filter((r) => ids.includes(r.projectId))));
      }
      // The project enrolled in two programs is financed in each, and once in the network.
      expect(programs.get('parcours-coop')).toMatchObject({ projectsFinanced: 2 });
      expect(programs.get('demarrage')).toMatchObject({ projectsFinanced: 2 });
      expect(sum(body.programs, 'projectsFinanced')).toBe(body.total.projectsFinanced + 1);

      expect(body.cohorts).toEqual(
        [cohorts.spring, cohorts.autumn].map((cohortId) => ({
          cohortId,
          programCode: 'parcours-coop',
          number: expect.any(Number),
          label: expect.any(String),
          ...figuresOf(requests.filter((r) => cohortProjects.get(cohortId)!.includes(r.projectId))),
        })),
      );
    });

    it('gives a CSV in dollars with two decimals, each table under its title, totals as the JSON has them', async () => {
      const json = (await report(`?year=${YEAR.label}&format=json`)).json();
      const file = await report(`?year=${YEAR.label}`);
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      const [bySource, byInstrument, byProgram, byCohort] = csvTables(file.bytes);
      expect(bySource[0][0]).toMatch(/^Financement 2023-2024 par source/);
      expect(bySource[1]).toEqual(['Source', 'Montant demandé ($)', 'Montant accordé ($)']);
      expect(bySource.slice(2)).toEqual([
        ...json.bySource.map((s: Amounts & { labelFr: string }) => [
          s.labelFr,
          dollars(s.requestedCents),
          dollars(s.grantedCents),
        ]),
        ['Total', dollars(json.total.requestedCents), dollars(json.total.grantedCents)],
      ]);
      expect(bySource.at(-1)).toEqual(['Total', '60846.92', '73501.24']);
      expect(byInstrument.slice(2).map((row) => row[0])).toEqual([
        'Prêt',
        'Prêt patient',
        'Subvention',
        'Parts des membres',
        'Total',
      ]);
      expect(byProgram.at(-1)).toEqual(['Réseau', '60846.92', '73501.24', '3']);
      expect(byCohort.slice(2).map((row) => row.slice(3))).toEqual(
        json.cohorts.map((c: Financed) => [
          dollars(c.requestedCents),
          dollars(c.grantedCents),
          String(c.projectsFinanced),
        ]),
      );
      for (const row of [...bySource, ...byInstrument].slice(2)) {
        for (const cell of row.slice(1)) if (/^\d/.test(cell)) expect(cell).toMatch(/^\d+\.\d\d$/);
      }
    });

    it('gives an XLSX with one sheet per table, money as numbers formatted 0.00, in English with lang=en', async () => {
      const file = await report(`?year=${YEAR.label}&format=xlsx&lang=en`);
      expect(file.headers['content-disposition']).toContain('filename="financing-2023-2024.xlsx"');
      const workbook = await readXlsx(file.bytes);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['By source', 'By instrument', 'By program', 'By cohort']);
      const rows = sheetValues(workbook.getWorksheet('By instrument')!);
      expect(rows[0]).toEqual(['Instrument', 'Amount requested ($)', 'Amount granted ($)']);
      const instruments = ['loan', 'patient_loan', 'grant', 'members_shares'];
      expect(rows.slice(1)).toEqual([
        ...instruments.map((instrument, i) => {
          const { requestedCents, grantedCents } = amountsOf(requests.filter((r) => r.instrument === instrument));
          return [['Loan', 'Patient loan', 'Grant', "Members' shares"][i], requestedCents / 100, grantedCents / 100];
        }),
        ['Total', 60846.92, 73501.24],
      ]);
      expect(workbook.getWorksheet('By instrument')!.getRow(2).getCell(2).numFmt).toBe('0.00');
      expect(sheetValues(workbook.getWorksheet('By program')!).at(-1)).toEqual(['Network', 60846.92, 73501.24, 3]);
    });

    it('gives the year before its own figures: the request asked on its last day, nothing granted of it', async () => {
      const body = (await report('?year=2022-2023&format=json')).json();
      const before = (r: Request) =>
        r.submittedOn !== null && r.submittedOn >= '2022-04-01' && r.submittedOn < YEAR.from;
      expect(body.total).toEqual({
        requestedCents: requests.filter(before).reduce((total, r) => total + r.requestedCents, 0),
        grantedCents: 0,
        projectsFinanced: 0,
      });
      expect(body.total.requestedCents).toBe(5_000_001);
    });

    it('is read by viewers, coordinators and admins, refused to advisors, logged when served', async () => {
      for (const role of ['admin', 'coordinator', 'viewer'] as const) {
        expect((await report(`?year=${YEAR.label}&format=json`, tokens[role])).status).toBe(200);
      }
      expect((await report(`?year=${YEAR.label}&format=json`, tokens.advisor)).status).toBe(403);
      const log = await t.http().get('/exports/log?pageSize=1').set(bearer(tokens.admin)).expect(200);
      expect(log.body.items[0]).toMatchObject({ kind: 'financing-report', target: YEAR.label, format: 'json' });
    });

    it('refuses a missing or malformed year with a 400 naming `year`', async () => {
      for (const query of ['', '?year=2023-2025', '?year=2023', '?year=abcd-efgh&format=json']) {
        const file = await report(query);
        expect(file.status).toBe(400);
        expect(fieldsOf(file.json())).toEqual(['year']);
      }
      expect((await report(`?year=${YEAR.label}&format=pdf`)).status).toBe(400);
    });
  });

  describe('GET /programs/:code/report: hours and jobs of the cohort projects', () => {
    /** Hours each entry gives, kept by the test as it records them. */
    const entries: { projectId: number; workedOn: string; hours: number }[] = [];
    const move = (projectId: number, body: object) =>
      t
        .http()
        .post(`/projects/${projectId}/transitions`)
        .set(bearer(tokens.coordinator))
        .send({ programCode: 'parcours-coop', ...body })
        .expect(201);

    beforeAll(async () => {
      const { twoPrograms, autumn, late, startUpOnly, nextYear } = projects;
      const record = async (projectId: number, workedOn: string, hours: number) => {
        await t
          .http()
          .post('/time-entries')
          .set(bearer(tokens.coordinator))
          .send({ projectId, workedOn, hours, interventionType: 'premieres-rencontres' })
          .expect(201);
        entries.push({ projectId, workedOn, hours });
      };
      await record(twoPrograms, '2023-05-10', 3.25);
      await record(twoPrograms, '2024-03-31', 1.5);
      await record(autumn, '2023-10-12', 6.75);
      await record(late, '2023-06-01', 2);
      await record(twoPrograms, '2023-03-31', 4); // before the year
      await record(autumn, '2024-04-01', 5); // after it
      await record(startUpOnly, '2023-07-07', 7); // not a cohort project
      await record(nextYear, '2023-12-12', 8); // a cohort of the next year

      // Incorporated in the year with 4 jobs, then counted again at 6: the latest is the figure.
      await move(twoPrograms, { to: 'constitution', occurredAt: '2023-11-01T15:00:00Z', jobs: 4 });
      await t
        .http()
        .post(`/projects/${twoPrograms}/jobs`)
        .set(bearer(tokens.coordinator))
        .send({ kind: 'created', jobs: 6, countedOn: '2024-01-15' })
        .expect(201);
      // Incorporated in the year, no count: missing, not zero.
      await move(autumn, { to: 'constitution', occurredAt: '2024-02-01T15:00:00Z' });
      // Incorporated after the year (1 April, 00:30 in Montréal): not this year's.
      await move(late, { to: 'constitution', occurredAt: '2024-04-01T04:30:00Z', jobs: 3 });
    });

    const yearHours = () =>
      entries
        .filter(
          (e) =>
            inYear(e.workedOn) &&
            [...cohortProjects.get(cohorts.spring)!, ...cohortProjects.get(cohorts.autumn)!].includes(e.projectId),
        )
        .reduce((total, e) => total + e.hours, 0);

    it('gives in JSON the hours of the year’s cohort projects dated in the year, and their jobs with what is missing', async () => {
      const file = await download(t, tokens.viewer, `/programs/parcours-coop/report?year=${YEAR.label}&format=json`);
      expect(file.status).toBe(200);
      const { work } = file.json();
      expect(yearHours()).toBe(13.5);
      expect(work).toEqual({
        hours: yearHours(),
        incorporated: 2,
        takeovers: 0,
        jobsCreated: { jobs: 6, missing: 1 },
        jobsMaintained: { jobs: 0, missing: 0 },
      });
    });

    it('gives the same as a fourth CSV table and a fourth XLSX sheet', async () => {
      const csv = await download(t, tokens.coordinator, `/programs/parcours-coop/report?year=${YEAR.label}`);
      const work = csvTables(csv.bytes)[3];
      expect(work[0][0]).toMatch(/^Heures et emplois 2023-2024/);
      expect(work.slice(1)).toEqual([
        ['Indicateur', 'Valeur', 'Projets sans nombre inscrit'],
        ['Heures consignées dans l’année', String(yearHours()), ''],
        ['Projets constitués dans l’année', '2', ''],
        ['dont transferts', '0', ''],
        ['Emplois créés', '6', '1'],
        ['Emplois maintenus', '0', '0'],
      ]);
      const xlsx = await download(
        t,
        tokens.coordinator,
        `/programs/parcours-coop/report?year=${YEAR.label}&format=xlsx&lang=en`,
      );
      const workbook = await readXlsx(xlsx.bytes);
      expect(workbook.worksheets.map((s) => s.name).at(-1)).toBe('Hours and jobs');
      expect(sheetValues(workbook.getWorksheet('Hours and jobs')!).slice(1)).toEqual([
        ['Hours recorded in the year', 13.5, null],
        ['Projects incorporated in the year', 2, null],
        ['of which takeovers', 0, null],
        ['Jobs created', 6, 1],
        ['Jobs maintained', 0, 0],
      ]);
    });
  });
});
