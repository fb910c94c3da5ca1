import { DEFAULT_DEMO_PASSWORD } from '../src/config/app-config.js';
import { download, readCsv } from './support/exports.js';
import { eventually } from './support/until.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

interface CohortItem {
  id: number;
  number: number;
  programCode: string;
}

/** Columns that depend on when the file is made, or on what an import does not carry (money). */
const NOT_COMPARED = ['Jours dans le programme', 'Financement accordé'];

/** The projects table of a cohort's CSV export: its header and its rows by project name. */
function projectsOf(bytes: Buffer): { header: string[]; rows: Map<string, Record<string, string>> } {
  const records = readCsv(bytes);
  const end = records.findIndex((r) => r.length === 1 && r[0] === '');
  const [header, ...rows] = records.slice(0, end === -1 ? undefined : end);
  return {
    header,
    rows: new Map(rows.map((cells) => [cells[0], Object.fromEntries(header.map((h, i) => [h, cells[i]]))] as const)),
  };
}

/**
 * Issue's round trip: the demo's cohorts exported from one service, imported into another whose
 * database is empty (but for the advisors, matched by e-mail), give the same figures and the same
 * dates; applying the same files again changes nothing.
 */
describe('a federation moves: the demo cohorts exported, then imported into an empty database', () => {
  let source: TestApp;
  let target: TestApp;
  let sourceToken: string;
  let targetToken: string;
  /** Each cohort's CSV export, in French, by `<program>-<number>.csv`. */
  const files = new Map<string, { bytes: Buffer; filename: string }>();
  /** Cohort 20 of Parcours COOP as an XLSX export in English: imported in place of its CSV. */
  let workbook: { bytes: Buffer; filename: string };
  const firstImports = () =>
    [...files.entries()].map(([key, file]) => (key === 'parcours-coop-20.csv' ? workbook : file));

  beforeAll(async () => {
    source = await startTestApp({ DEMO_DATA: 'true' });
    target = await startTestApp();
    sourceToken = (
      await source
        .http()
        .post('/auth/login')
        .send({ email: 'coordination@demo.coop.example', password: DEFAULT_DEMO_PASSWORD })
        .expect(200)
    ).body.accessToken;
    targetToken = await target.tokenFor('coordinator');

    for (const programCode of ['parcours-coop', 'parcours-transfertcoop']) {
      const cohorts = (
        await source.http().get(`/cohorts?programCode=${programCode}`).set(bearer(sourceToken)).expect(200)
      ).body as CohortItem[];
      for (const cohort of cohorts) {
        const csv = await download(source, sourceToken, `/cohorts/${cohort.id}/export?includeContacts=true`);
        expect(csv.status).toBe(200);
        files.set(`${programCode}-${cohort.number}.csv`, {
          bytes: csv.bytes,
          filename: `${programCode}-${cohort.number}.csv`,
        });
      }
    }
    // One of them as a workbook, in English: the import reads both.
    const cohort20 = (
      await source.http().get('/cohorts?programCode=parcours-coop').set(bearer(sourceToken)).expect(200)
    ).body.find((c: CohortItem) => c.number === 20) as CohortItem;
    const xlsx = await download(
      source,
      sourceToken,
      `/cohorts/${cohort20.id}/export?format=xlsx&lang=en&includeContacts=true`,
    );
    workbook = { bytes: xlsx.bytes, filename: 'cohort-20.xlsx' };

    // The advisors exist in the new database: the import matches them by e-mail, never creates them.
    const admin = await target.tokenFor('admin');
    const advisors = new Map<string, string>();
    for (const { bytes } of files.values()) {
      for (const row of projectsOf(bytes).rows.values())
        if (row['Courriel du conseiller·ère']) advisors.set(row['Courriel du conseiller·ère'], row['Conseiller·ère']);
    }
    expect(advisors.size).toBeGreaterThan(0);
    for (const [email, name] of advisors) {
      await target
        .http()
        .post('/users')
        .set(bearer(admin))
        .send({ email, name, role: 'advisor', password: 'advisor-password-123' })
        .expect(201);
    }
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  const send = (file: { bytes: Buffer; filename: string }, dryRun: boolean) =>
    target
      .http()
      .post(`/imports/projects?dryRun=${dryRun}`)
      .set(bearer(targetToken))
      .attach('file', file.bytes, file.filename);

  it('checks then applies every file', async () => {
    for (const file of firstImports()) {
      const dry = await send(file, true);
      expect({ file: file.filename, status: dry.status, body: dry.status === 200 ? {} : dry.body }).toEqual({
        file: file.filename,
        status: 200,
        body: {},
      });
      const applied = await send(file, false).expect(200);
      expect(applied.body).toMatchObject({
        projectsCreated: dry.body.projectsCreated,
        movesCreated: dry.body.movesCreated,
      });
      expect(applied.body.projectsCreated).toBeGreaterThan(0);
    }
  }, 60_000);

  it('gives the annual report through the queue: 63 % for the year, 100 % for cohorts 19 and 20, 44 entrepreneurs', async () => {
    // The figures the import touched were marked in its transaction; the worker recomputes and stores them.
    const stats = await eventually(async () => {
      const response = await target
        .http()
        .get('/programs/parcours-coop/stats?year=2023-2024')
        .set(bearer(targetToken))
        .expect(200);
      expect(response.body.pending).toBe(false);
      return response.body;
    });
    expect(stats).toMatchObject({
      registered: 16,
      completed: 10,
      incorporated: 10,
      entrepreneurs: 44,
      startRate: { numerator: 10, denominator: 16, percent: 63 },
    });
    expect(
      stats.cohorts.map((c: { number: number; startRate: { percent: number } }) => [c.number, c.startRate.percent]),
    ).toEqual([
      [19, 100],
      [20, 100],
    ]);
  });

  it('gives the same rows, milestone dates included, when the new database exports them', async () => {
    const targetCohorts = new Map<string, number>();
    for (const programCode of ['parcours-coop', 'parcours-transfertcoop']) {
      const cohorts = (
        await target.http().get(`/cohorts?programCode=${programCode}`).set(bearer(targetToken)).expect(200)
      ).body as CohortItem[];
      for (const c of cohorts) targetCohorts.set(`${programCode}-${c.number}.csv`, c.id);
    }
    for (const [key, file] of files) {
      const id = targetCohorts.get(key);
      expect({ key, found: id !== undefined }).toEqual({ key, found: true });
      const exported = await download(target, targetToken, `/cohorts/${id}/export?includeContacts=true`);
      const before = projectsOf(file.bytes);
      const after = projectsOf(exported.bytes);
      expect(after.header).toEqual(before.header);
      expect([...after.rows.keys()].sort()).toEqual([...before.rows.keys()].sort());
      for (const [name, row] of before.rows) {
        const compared = (r: Record<string, string>) =>
          Object.fromEntries(Object.entries(r).filter(([column]) => !NOT_COMPARED.includes(column)));
        expect(compared(after.rows.get(name)!)).toEqual(compared(row));
      }
    }
  });

  it('changes nothing when the same files are applied again, the CSV of the cohort that came as a workbook too', async () => {
    for (const file of [...files.values(), workbook]) {
      const again = await send(file, false).expect(200);
      expect(again.body).toMatchObject({
        cohortsCreated: 0,
        projectsCreated: 0,
        projectsChanged: 0,
        enrollmentsCreated: 0,
        movesCreated: 0,
        contactsCreated: 0,
      });
      expect(again.body.projectsUnchanged).toBe(again.body.rows);
    }
  });
});
