import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

interface Problem {
  row: number;
  column: string | null;
  value: string | null;
  problem: string;
}

const HEADER_FR = [
  'Programme',
  'Cohorte',
  'Projet',
  'Secteur',
  'Type de projet',
  'Type de coopérative',
  'Région',
  'Entrepreneur·e·s',
  'Courriel du conseiller·ère',
  "Date d'inscription",
  'Date : Premier contact',
  'Date : Accompagnement formel',
  'Date : Montage financier',
  'Statut',
  'Motif du statut',
  'Date du statut',
  'Contacts',
  'Courriels',
];

const csvLine = (cells: (string | number)[], separator = ',') =>
  cells.map((c) => (/[",;\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(separator);

/** A start-up accompaniment row: met on `met`, engaged on `engaged`, at financial set-up on `setUp`. */
function startUpRow(
  name: string,
  dates: { met: string; engaged?: string; setUp?: string },
  extra: Partial<Record<string, string>> = {},
) {
  const row: Record<string, string | number> = {
    Programme: 'Accompagnement au démarrage',
    Cohorte: '',
    Projet: name,
    Secteur: 'boulangerie',
    'Type de projet': 'Démarrage',
    'Type de coopérative': 'Coopérative de travail',
    Région: '06',
    'Entrepreneur·e·s': 3,
    'Courriel du conseiller·ère': '',
    "Date d'inscription": dates.met,
    'Date : Premier contact': dates.met,
    'Date : Accompagnement formel': dates.engaged ?? '',
    'Date : Montage financier': dates.setUp ?? '',
    Statut: 'Actif',
    'Motif du statut': '',
    'Date du statut': '',
    Contacts: '',
    Courriels: '',
    ...extra,
  };
  return HEADER_FR.map((h) => row[h]);
}

describe('POST /imports/projects', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const send = (content: Buffer | string, filename = 'projets.csv', query = '') =>
    t
      .http()
      .post(`/imports/projects${query}`)
      .set(bearer(coordinator))
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), filename);
  const projectTotal = async () =>
    (await t.http().get('/projects?pageSize=1').set(bearer(coordinator)).expect(200)).body.total as number;

  describe('a file of start-up projects, with a semicolon and a BOM', () => {
    const file =
      '\uFEFF' +
      [
        csvLine(HEADER_FR, ';'),
        csvLine(
          startUpRow('Boulangerie La Mie', { met: '2023-05-02', engaged: '2023-06-15', setUp: '2023-11-20' }),
          ';',
        ),
        csvLine(
          startUpRow(
            "'=Coop Égale",
            { met: '2023-07-10' },
            { Statut: 'Abandonné', 'Motif du statut': 'Équipe dissoute', 'Date du statut': '2023-09-01' },
          ),
          ';',
        ),
        csvLine(
          startUpRow(
            'Atelier Vélo',
            { met: '2023-08-01', engaged: '2023-08-30' },
            { Contacts: 'Camille Roy; Alex Tremblay', Courriels: 'camille@example.org; alex@example.org' },
          ),
          ';',
        ),
      ].join('\r\n');

    it('answers in a dry run what it would create, and writes nothing', async () => {
      const response = await send(file).expect(200);
      expect(response.body).toEqual({
        filename: 'projets.csv',
        dryRun: true,
        rows: 3,
        cohortsCreated: 0,
        cohortsMatched: 0,
        projectsCreated: 3,
        projectsChanged: 0,
        projectsUnchanged: 0,
        enrollmentsCreated: 3,
        movesCreated: 4,
        contactsCreated: 2,
      });
      expect(await projectTotal()).toBe(0);
    });

    it('applies it: projects enrolled on their dates, each date a move recorded from the import', async () => {
      const response = await send(file, 'projets.csv', '?dryRun=false').expect(200);
      expect(response.body).toMatchObject({ dryRun: false, projectsCreated: 3, movesCreated: 4, contactsCreated: 2 });
      const list = await t.http().get('/projects?q=mie').set(bearer(coordinator)).expect(200);
      expect(list.body.items).toHaveLength(1);
      const id = list.body.items[0].id as number;
      const history = await t.http().get(`/projects/${id}/transitions`).set(bearer(coordinator)).expect(200);
      expect(
        history.body.map((m: { kind: string; to: string; occurredAt: string; source: string }) => [
          m.kind,
          m.to,
          m.occurredAt.slice(0, 10),
          m.source,
        ]),
      ).toEqual([
        ['enrol', 'premier-contact', '2023-05-02', 'import'],
        ['move', 'accompagnement', '2023-06-15', 'import'],
        ['move', 'montage-financier', '2023-11-20', 'import'],
      ]);
      const abandoned = await t.http().get('/projects?q=egale').set(bearer(coordinator)).expect(200);
      // The apostrophe that guards a formula is the export's, not the name's.
      expect(abandoned.body.items[0].name).toBe('=Coop Égale');
      expect(abandoned.body.items[0].enrollments[0]).toMatchObject({
        status: 'abandoned',
        statusReason: 'Équipe dissoute',
      });
    });

    it('changes nothing when the same file is applied again', async () => {
      const response = await send(file, 'projets.csv', '?dryRun=false').expect(200);
      expect(response.body).toMatchObject({
        projectsCreated: 0,
        projectsChanged: 0,
        projectsUnchanged: 3,
        enrollmentsCreated: 0,
        movesCreated: 0,
        contactsCreated: 0,
      });
      expect(await projectTotal()).toBe(3);
    });

    it('adds what a later file says of the same projects, and refuses to rewrite what happened', async () => {
      const later = [
        csvLine(HEADER_FR),
        csvLine(startUpRow('Atelier Vélo', { met: '2023-08-01', engaged: '2023-08-30', setUp: '2024-01-15' })),
      ].join('\n');
      const added = await send(later, 'suite.csv', '?dryRun=false').expect(200);
      expect(added.body).toMatchObject({ projectsChanged: 1, movesCreated: 1 });

      const rewritten = [
        csvLine(HEADER_FR),
        csvLine(startUpRow('Atelier Vélo', { met: '2023-08-01', engaged: '2023-09-30', setUp: '2024-01-15' })),
      ].join('\n');
      const refused = await send(rewritten, 'faux.csv', '?dryRun=false').expect(422);
      expect(refused.body.details.problems).toEqual([
        {
          row: 2,
          column: 'Date : Accompagnement formel',
          value: '2023-09-30',
          problem: 'the project reached this stage on 2023-08-30; moves recorded are not rewritten',
        },
      ]);
    });
  });

  it('asks nothing again of a project moved back by hand, and records a status on the day of its last move', async () => {
    const file = [
      csvLine(HEADER_FR),
      csvLine(startUpRow('Boulangerie La Mie', { met: '2023-05-02', engaged: '2023-06-15', setUp: '2023-11-20' })),
    ].join('\n');
    const id = (await t.http().get('/projects?q=mie').set(bearer(coordinator)).expect(200)).body.items[0].id as number;
    await t
      .http()
      .post(`/projects/${id}/transitions`)
      .set(bearer(coordinator))
      .send({ to: 'plan-affaires', note: 'Le plan est à revoir' })
      .expect(201);
    // The file still says it reached financial set-up on 2023-11-20: so does the history; nothing to add.
    expect((await send(file, 'la-mie.csv', '?dryRun=false').expect(200)).body).toMatchObject({
      projectsUnchanged: 1,
      movesCreated: 0,
    });
    // Abandoned today, the day of that move back: recorded just after it, not before it.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    const abandoned = [
      csvLine(HEADER_FR),
      csvLine(
        startUpRow(
          'Boulangerie La Mie',
          { met: '2023-05-02', engaged: '2023-06-15', setUp: '2023-11-20' },
          { Statut: 'Abandonné', 'Motif du statut': 'Local perdu', 'Date du statut': today },
        ),
      ),
    ].join('\n');
    expect((await send(abandoned, 'la-mie.csv', '?dryRun=false').expect(200)).body).toMatchObject({
      projectsChanged: 1,
      movesCreated: 1,
    });
    const history = await t.http().get(`/projects/${id}/transitions`).set(bearer(coordinator)).expect(200);
    expect(history.body.map((m: { kind: string }) => m.kind).slice(-2)).toEqual(['move', 'abandon']);
    // Said again with another day, it is refused: the status has its date.
    const otherDay = abandoned.replace(today, '2024-01-10');
    const refused = await send(otherDay, 'la-mie.csv', '?dryRun=false').expect(422);
    expect(refused.body.details.problems).toEqual([
      {
        row: 2,
        column: 'Date du statut',
        value: '2024-01-10',
        problem: `the project has been abandoned since ${today}`,
      },
    ]);
  });

  it("takes the README's example file: a new cohort and its projects, on their dates", async () => {
    const example = readFileSync(new URL('./fixtures/import-example.csv', import.meta.url));
    const expected = {
      rows: 4,
      cohortsCreated: 1,
      cohortsMatched: 0,
      projectsCreated: 4,
      projectsChanged: 0,
      projectsUnchanged: 0,
      enrollmentsCreated: 4,
      movesCreated: 10,
      contactsCreated: 2,
    };
    expect((await send(example, 'import-example.csv').expect(200)).body).toMatchObject({ dryRun: true, ...expected });
    expect((await send(example, 'import-example.csv', '?dryRun=false').expect(200)).body).toMatchObject(expected);
    const cohorts = await t.http().get('/cohorts?programCode=parcours-coop').set(bearer(coordinator)).expect(200);
    expect(cohorts.body).toEqual([
      expect.objectContaining({
        number: 21,
        label: 'Printemps 2024',
        startsOn: '2024-04-10',
        endsOn: '2024-09-25',
        deliveryMode: 'remote',
      }),
    ]);
    const stats = await t
      .http()
      .get(`/cohorts/${cohorts.body[0].id}/stats?fresh=true`)
      .set(bearer(coordinator))
      .expect(200);
    expect(stats.body).toMatchObject({
      registered: 3,
      completed: 2,
      incorporated: 1,
      abandoned: 1,
      onHold: 1,
      entrepreneurs: 10,
    });
  });

  it('says in the dates of the file why a row cannot happen in that order', async () => {
    const file = [
      csvLine(HEADER_FR),
      csvLine(startUpRow('Coop à rebours', { met: '2023-05-02', engaged: '2023-04-01' })),
      csvLine(startUpRow('Coop du futur', { met: '2023-05-02', engaged: '2198-01-01' })),
    ].join('\n');
    const refused = await send(file, 'ordre.csv').expect(422);
    expect(refused.body.details.problems).toEqual([
      {
        row: 2,
        column: 'Date : Accompagnement formel',
        value: '2023-04-01',
        problem:
          'is before 2023-05-02, the date of the step before it: the dates follow the order of the stages, then the status',
      },
      { row: 3, column: 'Date : Accompagnement formel', value: '2198-01-01', problem: 'is in the future' },
    ]);
  });

  it('refuses a file whose 9,000th row is wrong, naming that row and column, and writes nothing', async () => {
    const before = await projectTotal();
    const lines = [csvLine(HEADER_FR)];
    for (let row = 2; row <= 9_001; row++) {
      const enrolled = row === 9_000 ? '2023-02-30' : '2023-05-02';
      lines.push(csvLine(startUpRow(`Projet importé ${row}`, { met: enrolled })));
    }
    const response = await send(lines.join('\n'), 'grand.csv', '?dryRun=false').expect(422);
    expect(response.body.details).toEqual({
      rows: 9_000,
      problemsNotListed: 0,
      problems: [
        { row: 9_000, column: "Date d'inscription", value: '2023-02-30', problem: 'is not a date that exists' },
        { row: 9_000, column: 'Date : Premier contact', value: '2023-02-30', problem: 'is not a date that exists' },
      ],
    });
    expect(response.body.message).toContain('nothing was imported');
    expect(await projectTotal()).toBe(before);
  }, 60_000);

  describe('hostile files: a 4xx naming the problem, nothing written', () => {
    let before: number;
    beforeAll(async () => {
      before = await projectTotal();
    });
    afterAll(async () => {
      expect(await projectTotal()).toBe(before);
    });

    const refusedWith = async (content: Buffer | string, filename: string, status = 422) => {
      const response = await send(content, filename, '?dryRun=false').expect(status);
      return response.body as { message: string; details?: { problems: Problem[] } };
    };

    it('a cell that starts a formula', async () => {
      const body = await refusedWith(
        [csvLine(HEADER_FR), csvLine(startUpRow('=HYPERLINK("http://evil.example")', { met: '2023-05-02' }))].join(
          '\n',
        ),
        'formule.csv',
      );
      expect(body.details!.problems).toEqual([
        expect.objectContaining({ row: 2, column: 'Projet', problem: expect.stringContaining('formula') }),
      ]);
    });

    it('a NUL byte, at the start (binary data) and further down (its row named)', async () => {
      const early = await refusedWith(
        [csvLine(HEADER_FR), csvLine(startUpRow('Coop\u0000Nulle', { met: '2023-05-02' }))].join('\n'),
        'nul.csv',
      );
      expect(early.details!.problems[0].problem).toMatch(/binary data, not text/);
      const rows = Array.from({ length: 40 }, (_, i) => csvLine(startUpRow(`Coop ${i}`, { met: '2023-05-02' })));
      const late = await refusedWith(
        [csvLine(HEADER_FR), ...rows, csvLine(startUpRow('Coop\u0000Nulle', { met: '2023-05-02' }))].join('\n'),
        'nul.csv',
      );
      expect(late.details!.problems[0]).toMatchObject({ row: 42, problem: expect.stringMatching(/NUL/) });
    });

    it('a cell of 10 MB', async () => {
      const body = await refusedWith(
        [csvLine(HEADER_FR), csvLine(startUpRow('x'.repeat(10 * 1024 * 1024), { met: '2023-05-02' }))].join('\n'),
        'enorme.csv',
      );
      expect(body.details!.problems[0]).toMatchObject({ row: 2, column: 'Projet' });
    });

    it('a workbook without a Projets sheet', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Feuil1').addRow(HEADER_FR);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const body = await refusedWith(bytes, 'classeur.xlsx');
      expect(body.details!.problems[0].problem).toMatch(/Projets.*Feuil1|Feuil1.*Projets/);
    });

    it('a CSV that is not CSV', async () => {
      const body = await refusedWith('{"projects": [{"name": "Coop"}]}', 'pas-du-csv.csv');
      expect(body.details!.problems[0]).toMatchObject({ row: 1 });
    });

    it('a file over the size limit (413)', async () => {
      const body = await refusedWith(Buffer.alloc(21 * 1024 * 1024, 'a'), 'trop-gros.csv', 413);
      expect(body.message).toBeTruthy();
    });

    it('a request that is not a form (415), and a form without the file (400)', async () => {
      await t.http().post('/imports/projects').set(bearer(coordinator)).send({ file: 'Projet,Secteur' }).expect(415);
      await t
        .http()
        .post('/imports/projects')
        .set(bearer(coordinator))
        .attach('fichier', Buffer.from('a,b'), 'a.csv')
        .expect(400);
    });
  });

  it('is for coordinators and admins', async () => {
    const advisor = await t.tokenFor('advisor');
    await t
      .http()
      .post('/imports/projects')
      .set(bearer(advisor))
      .attach('file', Buffer.from(csvLine(HEADER_FR)), 'a.csv')
      .expect(403);
  });

  it('logs every file: who, which, dry run or applied, accepted or not, what it did', async () => {
    const response = await t.http().get('/imports/log?pageSize=100').set(bearer(coordinator)).expect(200);
    const entries = response.body.items as {
      filename: string;
      dryRun: boolean;
      accepted: boolean;
      projectsCreated: number;
      user: { id: number };
    }[];
    expect(entries.find((e) => e.filename === 'grand.csv')).toMatchObject({
      dryRun: false,
      accepted: false,
      projectsCreated: 0,
    });
    const applied = entries
      .filter((e) => e.filename === 'projets.csv')
      .map((e) => [e.dryRun, e.accepted, e.projectsCreated]);
    expect(applied.reverse()).toEqual([
      [true, true, 3],
      [false, true, 3],
      [false, true, 0],
    ]);
    expect(entries[0].user.id).toBe(await t.userIdFor('coordinator'));
  });
});
