import { createProject } from './support/fixtures.js';
import { download, readCsv, readXlsx, sheetValues } from './support/exports.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';

// A small world built through the API in 2019-2020 (the year before) and 2020-2021 (the year
// reported), far from any demo data. Every expected figure is computed here from what was created.

const YEAR = { label: '2020-2021', from: '2020-04-01', until: '2021-04-01' };
const PREVIOUS = { label: '2019-2020', from: '2019-04-01', until: '2020-04-01' };

interface Entry {
  workedOn: string;
  hours: number;
  interventionType: string;
  advisor: 'a1' | 'a2';
  projectId?: number;
  organizationId?: number;
}

const inYear = (date: string, year = YEAR) => date >= year.from && date < year.until;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('the advisory and funder reports', () => {
  let t: TestApp;
  let coordinator: string;
  const advisors = { a1: 0, a2: 0 };
  const entries: Entry[] = [];
  const ids: Record<string, number> = {};
  const regions = new Map<number, string>();

  const move = (projectId: number, body: object) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(coordinator)).send(body).expect(201);
  const projectJobs = (projectId: number, body: object) =>
    t.http().post(`/projects/${projectId}/jobs`).set(bearer(coordinator)).send(body).expect(201);
  const workers = (organizationId: number, workers: number, countedOn: string) =>
    t
      .http()
      .post(`/organizations/${organizationId}/jobs`)
      .set(bearer(coordinator))
      .send({ workers, countedOn })
      .expect(201);
  const coop = async (name: string, region: string) => {
    const body = { name, coopType: 'worker', region, sector: 'menuiserie' };
    const created = await t.http().post('/organizations').set(bearer(coordinator)).send(body).expect(201);
    regions.set(created.body.id, region);
    return created.body.id as number;
  };
  const coopOf = async (projectId: number) => {
    const created = await t.http().post(`/projects/${projectId}/organization`).set(bearer(coordinator)).send({});
    expect(created.status).toBe(201);
    regions.set(created.body.id, created.body.region);
    return created.body.id as number;
  };
  const record = async (entry: Entry) => {
    const { advisor, ...body } = entry;
    await t
      .http()
      .post('/time-entries')
      .set(bearer(coordinator))
      .send({ ...body, advisorId: advisors[advisor] })
      .expect(201);
    entries.push(entry);
  };

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
    advisors.a1 = await t.userIdFor('advisor', 'a1');
    advisors.a2 = await t.userIdFor('advisor', 'a2');

    // A start-up incorporated in the year, whose co-op also got advisory time: one intervention.
    const a = await createProject(t, coordinator, { enrolledAt: '2020-01-10' });
    await move(a.id, { to: 'constitution', occurredAt: '2020-06-01T14:00:00Z', jobs: 4 });
    await projectJobs(a.id, { kind: 'created', jobs: 5, countedOn: '2020-09-01' }); // the latest count is the figure
    ids.a = a.id;
    ids.coopA = await coopOf(a.id);
    await workers(ids.coopA, 7, '2020-11-01'); // its jobs are the project's: not counted again as maintained
    await record({
      workedOn: '2020-05-01',
      hours: 3,
      interventionType: 'plan-affaires',
      advisor: 'a1',
      projectId: a.id,
    });
    await record({
      workedOn: '2020-10-01',
      hours: 2.5,
      interventionType: 'analyse-financiere',
      advisor: 'a1',
      organizationId: ids.coopA,
    });

    // A start-up incorporated in the year with no jobs recorded, and no time: a missing count, no intervention.
    const b = await createProject(t, coordinator, { enrolledAt: '2020-02-01' });
    await move(b.id, { to: 'constitution', occurredAt: '2020-07-01T14:00:00Z' });

    // Two takeovers closed in the year, one with its jobs kept, one without.
    const takeover = { kind: 'transfer', programCode: 'transfertcoop', enrolledAt: '2020-01-15' };
    const tr = await createProject(t, coordinator, takeover);
    await move(tr.id, { to: 'constitution-achat', occurredAt: '2020-08-01T14:00:00Z', jobs: 9 });
    await record({
      workedOn: '2020-06-01',
      hours: 4,
      interventionType: 'montage-financier',
      advisor: 'a2',
      projectId: tr.id,
    });
    const tr2 = await createProject(t, coordinator, takeover);
    await move(tr2.id, { to: 'constitution-achat', occurredAt: '2020-09-01T14:00:00Z' });

    // A co-op from a project incorporated before the year: accompagnement, its workers maintained.
    const old = await createProject(t, coordinator, { enrolledAt: '2018-01-10' });
    await move(old.id, { to: 'constitution', occurredAt: '2019-03-01T14:00:00Z', jobs: 2 });
    ids.coopOld = await coopOf(old.id);
    await workers(ids.coopOld, 3, '2020-05-01');
    await workers(ids.coopOld, 4, '2021-02-01'); // the latest in the year
    await workers(ids.coopOld, 10, '2021-05-01'); // after the year
    await record({
      workedOn: '2021-01-15',
      hours: 6,
      interventionType: 'planification-strategique',
      advisor: 'a2',
      organizationId: ids.coopOld,
    });

    // A project abandoned before the year that still got time: not in its program during the year.
    const d = await createProject(t, coordinator, { enrolledAt: '2018-05-01' });
    await move(d.id, { to: 'abandoned', reason: 'Équipe dissoute', occurredAt: '2019-01-01T14:00:00Z' });
    await record({
      workedOn: '2020-12-01',
      hours: 1,
      interventionType: 'premieres-rencontres',
      advisor: 'a1',
      projectId: d.id,
    });

    // Co-ops with no project, in two regions, served this year, last year, or next year.
    ids.c1 = await coop('Coop Un', '03');
    ids.c2 = await coop('Coop Deux', '06');
    ids.c3 = await coop('Coop Trois', '06');
    await workers(ids.c1, 6, '2020-12-01');
    const advisory = (organizationId: number, workedOn: string, hours: number, advisor: 'a1' | 'a2', type: string) =>
      record({ workedOn, hours, interventionType: type, advisor, organizationId });
    await advisory(ids.c1, '2020-04-01', 1.25, 'a1', 'gestion-conflits'); // the year's first day
    await advisory(ids.c1, '2021-03-31', 2, 'a2', 'gestion-conflits'); // its last day
    await advisory(ids.c1, '2019-06-01', 5, 'a1', 'redressement');
    await advisory(ids.c2, '2020-08-15', 0.75, 'a2', 'organisation-travail');
    await advisory(ids.c2, '2020-03-31', 1, 'a2', 'organisation-travail'); // the year before's last day
    await advisory(ids.c3, '2019-12-01', 2, 'a1', 'plan-marketing');
    await advisory(ids.c3, '2021-04-01', 8, 'a1', 'plan-marketing'); // the year after's first day
  });
  afterAll(() => t.close());

  const advisoryOf = (year: typeof YEAR) => entries.filter((e) => e.organizationId && inYear(e.workedOn, year));
  const json = async (path: string, token = coordinator) => {
    const file = await download(t, token, `${path}&format=json`);
    expect(file.status).toBe(200);
    return file.json();
  };

  describe('GET /reports/advisory', () => {
    it('sums the hours and counts the co-ops of the year and the year before, from the entries on co-ops', async () => {
      const report = await json(`/reports/advisory?year=${YEAR.label}`);
      const [current, previous] = [advisoryOf(YEAR), advisoryOf(PREVIOUS)];
      const coops = (list: Entry[]) => new Set(list.map((e) => e.organizationId)).size;
      expect(report).toMatchObject({
        year: YEAR.label,
        from: YEAR.from,
        to: '2021-03-31',
        hours: sum(current.map((e) => e.hours)),
        coops: coops(current),
        previous: { year: PREVIOUS.label, hours: sum(previous.map((e) => e.hours)), coops: coops(previous) },
        change: {
          hours: sum(current.map((e) => e.hours)) - sum(previous.map((e) => e.hours)),
          coops: coops(current) - coops(previous),
        },
      });
      expect(report.coops).toBe(4);
      expect(report.change.coops).toBe(1);
    });

    it('breaks the hours down by family and type in the list order, by advisor, and by region, each summing to the total', async () => {
      const report = await json(`/reports/advisory?year=${YEAR.label}`);
      const current = advisoryOf(YEAR);
      const families = (await t.http().get('/intervention-types').set(bearer(coordinator)).expect(200)).body as {
        code: string;
        serves: string;
        types: { code: string; active: boolean }[];
      }[];
      // Every active advisory type, in the list's order, with the hours of its entries (0 when none).
      const advisoryFamilies = families.filter((family) => family.serves === 'organization');
      expect(report.byFamily.map((family: { code: string }) => family.code)).toEqual(
        advisoryFamilies.map((f) => f.code),
      );
      const reported = report.byFamily.flatMap((family: { types: { code: string; hours: number }[] }) => family.types);
      expect(reported.map((type: { code: string }) => type.code)).toEqual(
        advisoryFamilies.flatMap((family) => family.types.filter((type) => type.active).map((type) => type.code)),
      );
      for (const type of reported)
        expect(type.hours).toBe(sum(current.filter((e) => e.interventionType === type.code).map((e) => e.hours)));
      for (const family of report.byFamily)
        expect(family.hours).toBe(sum(family.types.map((type: { hours: number }) => type.hours)));
      expect(sum(report.byFamily.map((f: { hours: number }) => f.hours))).toBe(report.hours);
      expect(report.byFamily.find((f: { code: string }) => f.code === 'finances')).toMatchObject({
        labelFr: 'Finances',
        labelEn: 'Finance',
      });

      const byId = (x: { id: number }, y: { id: number }) => x.id - y.id;
      expect([...report.byAdvisor].sort(byId)).toEqual(
        (['a1', 'a2'] as const)
          .map((key) => ({
            id: advisors[key],
            name: expect.any(String),
            hours: sum(current.filter((e) => e.advisor === key).map((e) => e.hours)),
          }))
          .sort(byId),
      );
      expect(sum(report.byAdvisor.map((a: { hours: number }) => a.hours))).toBe(report.hours);

      const byRegion = new Map<string, Entry[]>();
      for (const entry of current) {
        const region = regions.get(entry.organizationId!)!;
        byRegion.set(region, [...(byRegion.get(region) ?? []), entry]);
      }
      expect(report.byRegion).toEqual(
        [...byRegion.entries()]
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([region, list]) => ({
            region,
            hours: sum(list.map((e) => e.hours)),
            coops: new Set(list.map((e) => e.organizationId)).size,
          })),
      );
    });

    it('gives viewers the same report without the advisors, and refuses advisors', async () => {
      const managers = await json(`/reports/advisory?year=${YEAR.label}`);
      const viewer = await json(`/reports/advisory?year=${YEAR.label}`, await t.tokenFor('viewer'));
      expect(viewer).not.toHaveProperty('byAdvisor');
      const { byAdvisor: _byAdvisor, ...rest } = managers;
      expect(viewer).toEqual(rest);
      const viewerCsv = await download(t, await t.tokenFor('viewer'), `/reports/advisory?year=${YEAR.label}`);
      expect(viewerCsv.bytes.toString('utf8')).not.toContain('Conseiller');
      const refused = await download(t, await t.tokenFor('advisor'), `/reports/advisory?year=${YEAR.label}`);
      expect(refused.status).toBe(403);
    });

    it('writes the same numbers in CSV and XLSX, and logs the export', async () => {
      const report = await json(`/reports/advisory?year=${YEAR.label}`);
      const csv = await download(t, coordinator, `/reports/advisory?year=${YEAR.label}&lang=en`);
      expect(csv.headers['content-disposition']).toContain('advisory-services-2020-2021.csv');
      const records = readCsv(csv.bytes);
      const valueOf = (label: string) => records.find((r) => r[0] === label)?.[1];
      expect(valueOf(`Hours ${YEAR.label}`)).toBe(String(report.hours));
      expect(valueOf(`Co-ops served ${YEAR.label}`)).toBe(String(report.coops));
      expect(valueOf('Change in co-ops served')).toBe(String(report.change.coops));

      const xlsx = await download(t, coordinator, `/reports/advisory?year=${YEAR.label}&format=xlsx`);
      const workbook = await readXlsx(xlsx.bytes);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Sommaire', 'Par type', 'Par conseiller', 'Par région']);
      const summary = sheetValues(workbook.getWorksheet('Sommaire')!);
      expect(summary[1]).toEqual([`Heures ${YEAR.label}`, report.hours]);
      expect(summary[2]).toEqual([`Coopératives servies ${YEAR.label}`, report.coops]);
      const advisorRows = sheetValues(workbook.getWorksheet('Par conseiller')!).slice(1);
      expect(advisorRows).toEqual(report.byAdvisor.map((a: { name: string; hours: number }) => [a.name, a.hours]));

      const log = (await t.http().get('/exports/log').set(bearer(coordinator)).expect(200)).body;
      expect(log.items[0]).toMatchObject({ kind: 'advisory-report', target: YEAR.label, format: 'xlsx' });
    });
  });

  describe('GET /reports/funder', () => {
    const valuesOf = (report: { rows: { key: string; value: number; missing?: number }[] }) =>
      Object.fromEntries(report.rows.map((row) => [row.key, row]));

    it('gives the rows in the table order and wording', async () => {
      const report = await json(`/reports/funder?year=${YEAR.label}`);
      expect(report).toMatchObject({ year: YEAR.label, from: YEAR.from, to: '2021-03-31' });
      expect(report.rows.map((row: { labelFr: string }) => row.labelFr)).toEqual([
        "Nombre d'interventions de démarrage (ancien volet A)",
        "Nombre d'interventions d'accompagnement (ancien volet B)",
        'Emplois créés',
        'Emplois maintenus',
        "Nombre total d'interventions",
        "Nombre total d'heures d'interventions",
      ]);
    });

    it('counts a project and its co-op once, démarrage while in its program, and totals equal their parts and the raw entries', async () => {
      const rows = valuesOf(await json(`/reports/funder?year=${YEAR.label}`));
      const current = entries.filter((e) => inYear(e.workedOn));
      // The co-op grown from project a is project a; every other target is its own intervention.
      const unitOf = (e: Entry) =>
        e.organizationId === ids.coopA ? `p${ids.a}` : e.projectId ? `p${e.projectId}` : `o${e.organizationId}`;
      const units = new Set(current.map(unitOf));
      // In a program during the year: a (incorporated in it) and the takeover; not the project
      // incorporated before it (its co-op), nor the one abandoned before it.
      const startUp = new Set(current.filter((e) => e.interventionType === 'montage-financier').map(unitOf));
      startUp.add(`p${ids.a}`);
      expect(rows.startUpInterventions.value).toBe(startUp.size);
      expect(rows.accompanimentInterventions.value).toBe(units.size - startUp.size);
      expect(rows.totalInterventions.value).toBe(units.size);
      expect(rows.totalInterventions.value).toBe(
        rows.startUpInterventions.value + rows.accompanimentInterventions.value,
      );
      expect(rows.totalHours.value).toBe(sum(current.map((e) => e.hours)));
      expect([rows.startUpInterventions.value, rows.accompanimentInterventions.value]).toEqual([2, 4]);
    });

    it('counts the jobs created and maintained with the latest counts, and says how many are missing', async () => {
      const rows = valuesOf(await json(`/reports/funder?year=${YEAR.label}`));
      // Created: a's latest (5); b has none. Maintained: the takeover's 9 (the other has none), the
      // workers of co-op Old (4, latest in the year) and c1 (6); c2 has none; a's co-op is a's.
      expect(rows.jobsCreated).toMatchObject({ value: 5, missing: 1 });
      expect(rows.jobsMaintained).toMatchObject({ value: 9 + 4 + 6, missing: 2 });
      expect(rows.startUpInterventions).not.toHaveProperty('missing');
    });

    it('writes the same rows in CSV and XLSX', async () => {
      const report = await json(`/reports/funder?year=${YEAR.label}`);
      const csv = readCsv((await download(t, coordinator, `/reports/funder?year=${YEAR.label}`)).bytes);
      expect(csv[0]).toEqual([`Entente de partenariat, volet Accompagnement ${YEAR.label}`]);
      expect(csv[1]).toEqual(['Indicateur', 'Valeur', 'Sans décompte']);
      expect(csv.slice(2)).toEqual(
        report.rows.map((row: { labelFr: string; value: number; missing?: number }) => [
          row.labelFr,
          String(row.value),
          row.missing === undefined ? '' : String(row.missing),
        ]),
      );
      const file = await download(
        t,
        await t.tokenFor('viewer'),
        `/reports/funder?year=${YEAR.label}&format=xlsx&lang=en`,
      );
      expect(file.headers['content-disposition']).toContain('partnership-agreement-2020-2021.xlsx');
      const sheet = sheetValues((await readXlsx(file.bytes)).worksheets[0]);
      expect(sheet.slice(1)).toEqual(
        report.rows.map((row: { labelEn: string; value: number; missing?: number }) => [
          row.labelEn,
          row.value,
          row.missing ?? null,
        ]),
      );
    });

    it('refuses advisors, and a missing or malformed year with a 400 naming it', async () => {
      expect((await download(t, await t.tokenFor('advisor'), `/reports/funder?year=${YEAR.label}`)).status).toBe(403);
      for (const path of ['/reports/funder', '/reports/advisory']) {
        for (const query of ['', '?year=2020', '?year=2020-2022', '?year=abcd-efgh']) {
          const response = await t.http().get(`${path}${query}`).set(bearer(coordinator)).expect(400);
          expectErrorShape(response.body, 400);
          expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['year']);
        }
      }
    });
  });
});
