import { localDateOf } from '../src/common/time.js';
import { parse } from 'csv-parse/sync';
import { DEFAULT_DEMO_PASSWORD } from '../src/config/app-config.js';
import { wholeDaysBetween } from '../src/common/time.js';
import { namedQuery } from '../src/database/named-query.js';
import { createCohort, createProject } from './support/fixtures.js';
import { csvTables, download, readCsv, readXlsx, sheetValues, type Download } from './support/exports.js';
import type { Counts, Rate } from './support/figures.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';

// Exports read back as a user's tools read them: csv-parse for CSV, exceljs for XLSX, JSON.parse.
// Their numbers are checked against the figures endpoints, not against constants of their own.

interface CohortStats extends Counts {
  cohortId: number;
  number: number;
}
interface ProgramStats extends Counts {
  year: string;
  cohorts: Omit<CohortStats, 'computedAt' | 'pending'>[];
}
interface FunnelBody {
  programCode: string;
  projects: number;
  stages: { code: string; labelFr: string; reached: number; current: number }[];
  milestones: { stageCode: string; fromPrevious: Rate | null; fromFirst: Rate | null }[];
  computedAt: string;
  pending: boolean;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const frPercent = (rate: Rate | null) => (rate === null ? '' : `${rate.percent} %`);
const PROJECT_HEADERS_FR = [
  'Projet',
  'Secteur',
  'Type de projet',
  'Type de coopérative',
  'Région',
  'Entrepreneur·e·s',
  'Conseiller·ère',
  'Étape actuelle',
  'Statut',
  'Date : Inscription',
  'Date : Formation en cours',
  'Date : Formation complétée',
  'Date : Constitution en coopérative',
  'Date : En activité',
  'Jours dans le programme',
  'Financement accordé',
  'Programme',
  'Cohorte',
  'Début de la cohorte',
  'Fin de la cohorte',
  'Libellé de la cohorte',
  'Formule de la cohorte',
  'Courriel du conseiller·ère',
  "Date d'inscription",
  'Motif du statut',
  'Date du statut',
];
const PROJECT_HEADERS_EN = [
  'Project',
  'Sector',
  'Kind',
  'Co-op type',
  'Region',
  'Entrepreneurs',
  'Advisor',
  'Current stage',
  'Status',
  'Date: Registration',
  'Date: Training in progress',
  'Date: Training completed',
  'Date: Incorporation as a co-op',
  'Date: Operating',
  'Days in the program',
  'Financing granted',
  'Program',
  'Cohort',
  'Cohort starts',
  'Cohort ends',
  'Cohort label',
  'Cohort delivery',
  'Advisor e-mail',
  'Enrolment date',
  'Status reason',
  'Status date',
];
/** Where a column of PROJECT_HEADERS_FR (and _EN) is. */
const at = (header: string) => PROJECT_HEADERS_FR.indexOf(header);

function expectAttachment(file: Download, contentType: string, filename: string) {
  expect({ status: file.status, type: file.headers['content-type'] }).toEqual({ status: 200, type: contentType });
  expect(file.headers['content-disposition']).toBe(`attachment; filename="${filename}"; filename*=UTF-8''${filename}`);
}

function withoutFreshness<T extends { computedAt?: unknown; pending?: unknown }>(body: T) {
  const { computedAt: _computedAt, pending: _pending, ...rest } = body;
  return rest;
}

describe('exports of the demo year 2023-2024', () => {
  let t: TestApp;
  const tokens: Record<'admin' | 'coordinator' | 'advisor' | 'viewer', string> = {
    admin: '',
    coordinator: '',
    advisor: '',
    viewer: '',
  };
  let cohortIds: Map<number, number>;

  const get = async <T>(path: string, token = tokens.coordinator): Promise<T> => {
    const response = await t.http().get(path).set(bearer(token));
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const logTotal = async () => (await get<{ total: number }>('/exports/log?pageSize=1')).total;
  const cohortStats = (number: number) => get<CohortStats>(`/cohorts/${cohortIds.get(number)}/stats?fresh=true`);

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
    const login = async (name: string) =>
      (
        await t
          .http()
          .post('/auth/login')
          .send({ email: `${name}@demo.coop.example`, password: DEFAULT_DEMO_PASSWORD })
          .expect(200)
      ).body.accessToken as string;
    tokens.admin = await login('admin');
    tokens.coordinator = await login('coordination');
    tokens.advisor = await login('conseillere');
    tokens.viewer = await login('lecture');
    const cohorts = await get<{ id: number; number: number }[]>('/cohorts?programCode=parcours-coop');
    cohortIds = new Map(cohorts.map((c) => [c.number, c.id]));
  }, 120_000);
  afterAll(() => t?.close());

  describe('GET /cohorts/:id/export', () => {
    it('gives a CSV with a BOM, one row per project in French, then the figures GET /cohorts/:id/stats gives', async () => {
      const file = await download(t, tokens.viewer, `/cohorts/${cohortIds.get(19)}/export?format=csv`);
      expectAttachment(file, 'text/csv; charset=utf-8', 'cohorte-19-parcours-coop.csv');
      expect(file.bytes.subarray(0, 3)).toEqual(BOM);
      expect(file.bytes.toString('utf8')).toContain('\r\n');

      const [projects, figures] = csvTables(file.bytes);
      expect(projects[0]).toEqual(PROJECT_HEADERS_FR);
      const listed = await get<{
        items: { name: string; enrollments: { enrolledAt: string }[]; financing: { grantedCents: number } }[];
      }>(`/projects?cohortId=${cohortIds.get(19)}&pageSize=500`);
      expect(
        projects
          .slice(1)
          .map((row) => row[0])
          .sort(),
      ).toEqual(listed.items.map((p) => p.name).sort());

      // The financing granted, in dollars with two decimals, is the total the project's answer gives.
      const granted = new Map(listed.items.map((p) => [p.name, p.financing.grantedCents]));
      for (const row of projects.slice(1)) {
        const cents = granted.get(row[0])!;
        expect(row[at('Financement accordé')]).toBe(
          `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
        );
      }

      const alouette = projects.find((row) => row[0] === "L'Alouette")!;
      const enrolledAt = new Date(listed.items.find((p) => p.name === "L'Alouette")!.enrollments[0].enrolledAt);
      // Every stage has its date: the first day the project reached it or a later one.
      expect(alouette.slice(0, 14)).toEqual([
        "L'Alouette",
        'traduction',
        'Démarrage',
        'Coopérative de travail',
        '06',
        '3',
        'Conseillère (démo)',
        'En activité',
        'Actif',
        '2023-03-20',
        '2023-04-12',
        '2023-09-13',
        '2023-11-08',
        '2024-01-15',
      ]);
      // Whole Montréal days since enrolment; the day may turn while the test runs.
      expect([wholeDaysBetween(enrolledAt, new Date()) - 1, wholeDaysBetween(enrolledAt, new Date())]).toContain(
        Number(alouette[at('Jours dans le programme')]),
      );
      // The program, the cohort and the enrolment; a viewer gets neither the advisor's e-mail nor a reason.
      expect(alouette.slice(at('Programme'))).toEqual([
        'Parcours COOP',
        '19',
        '2023-04-12',
        '2023-09-13',
        'Printemps 2023',
        'À distance',
        '',
        localDateOf(enrolledAt),
        '',
        '',
      ]);
      expect(alouette[at("Date d'inscription")]).toBe('2023-03-20');
      expect(alouette[at('Date : Inscription')]).toBe(alouette[at("Date d'inscription")]);
      expect(projects.find((row) => row[0] === 'Lab 148')!.slice(7, 14)).toEqual([
        'Constitution en coopérative',
        'Actif',
        '2023-03-22',
        '2023-04-12',
        '2023-09-13',
        '2023-12-05',
        '',
      ]);
      const abandoned = projects.find((row) => row[0] === 'Projet fictif A (démo)')!;
      expect(abandoned.slice(7, 14)).toEqual([
        'Formation en cours',
        'Abandonné',
        '2023-03-30',
        '2023-04-12',
        '',
        '',
        '',
      ]);
      // Its status date, not its reason, which is free text.
      expect(abandoned.slice(at("Date d'inscription"))).toEqual(['2023-03-30', '', '2023-06-02']);
      expect(projects.find((row) => row[0] === 'Projet fictif C (démo)')!.slice(7, 9)).toEqual([
        'Formation en cours',
        'En pause',
      ]);

      const stats = await cohortStats(19);
      expect(figures).toEqual([
        ['Indicateur', 'Valeur', 'Numérateur', 'Dénominateur'],
        ['Projets inscrits', String(stats.registered), '', ''],
        ['Formation complétée', String(stats.completed), '', ''],
        ['Constitués en coopérative', String(stats.incorporated), '', ''],
        ['En activité', String(stats.operating), '', ''],
        ['Abandons', String(stats.abandoned), '', ''],
        ['En pause', String(stats.onHold), '', ''],
        ['Entrepreneur·e·s', String(stats.entrepreneurs), '', ''],
        [
          'Taux de complétion',
          frPercent(stats.completionRate),
          String(stats.completionRate!.numerator),
          String(stats.completionRate!.denominator),
        ],
        [
          'Taux de démarrage',
          frPercent(stats.startRate),
          String(stats.startRate!.numerator),
          String(stats.startRate!.denominator),
        ],
        ['Réponses au sondage de satisfaction', '8', '', ''],
        ['Satisfaits (4 ou 5 sur 5)', '100 %', '8', '8'],
        ['Très satisfaits (5 sur 5)', '25 %', '2', '8'],
      ]);
      expect(figures[9][1]).toBe('100 %');
    });

    it("gives a coordinator the advisor's e-mail, and the reason and date of an abandonment or a pause", async () => {
      const file = await download(t, tokens.coordinator, `/cohorts/${cohortIds.get(19)}/export?format=csv`);
      const [projects] = csvTables(file.bytes);
      expect(projects[0]).toEqual(PROJECT_HEADERS_FR);
      const row = (name: string) => projects.find((cells) => cells[0] === name)!;
      const advisorEmails = new Map(
        (await get<{ name: string; email: string }[]>('/users')).map((u) => [u.name, u.email]),
      );
      expect(advisorEmails.get('Conseillère (démo)')).toBe('conseillere@demo.coop.example');
      for (const cells of projects.slice(1))
        expect(cells[at('Courriel du conseiller·ère')]).toBe(advisorEmails.get(cells[at('Conseiller·ère')]));
      expect(row("L'Alouette").slice(at('Programme'))).toEqual([
        'Parcours COOP',
        '19',
        '2023-04-12',
        '2023-09-13',
        'Printemps 2023',
        'À distance',
        'conseillere@demo.coop.example',
        '2023-03-20',
        '',
        '',
      ]);
      expect(row('Lab 148')[at('Courriel du conseiller·ère')]).toBe('conseiller@demo.coop.example');
      expect(row('Projet fictif A (démo)')[at('Statut')]).toBe('Abandonné');
      expect(row('Projet fictif C (démo)')[at('Statut')]).toBe('En pause');
      expect(row('Projet fictif A (démo)').slice(at("Date d'inscription"))).toEqual([
        '2023-03-30',
        'Équipe dissoute (démo)',
        '2023-06-02',
      ]);
      expect(row('Projet fictif C (démo)').slice(at("Date d'inscription"))).toEqual([
        '2023-04-05',
        'Promoteurs en pause pour raisons familiales (démo)',
        '2023-08-10',
      ]);

      const json = (await download(t, tokens.coordinator, `/cohorts/${cohortIds.get(20)}/export?format=json`)).json();
      expect(json.projects.find((p: { name: string }) => p.name === 'Projet fictif D (démo)')).toMatchObject({
        status: 'abandoned',
        statusReason: 'Manque de financement (démo)',
        statusOn: '2023-12-12',
        advisor: 'Conseiller (démo)',
        advisorEmail: 'conseiller@demo.coop.example',
        enrolledOn: '2023-09-29',
        stageDates: {
          inscription: '2023-09-29',
          formation: '2023-10-04',
          'formation-completee': null,
          constitution: null,
          'en-activite': null,
        },
      });
    });

    it('leaves the reason and the e-mail blank for a viewer, in CSV as in JSON', async () => {
      const [projects] = csvTables(
        (await download(t, tokens.viewer, `/cohorts/${cohortIds.get(19)}/export?format=csv`)).bytes,
      );
      const left = projects.slice(1).filter((row) => row[at('Statut')] !== 'Actif');
      expect(left.map((row) => row[0]).sort()).toEqual([
        'Projet fictif A (démo)',
        'Projet fictif B (démo)',
        'Projet fictif C (démo)',
      ]);
      for (const row of left) {
        expect(row[at('Motif du statut')]).toBe('');
        expect(row[at('Date du statut')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(projects.slice(1).map((row) => row[at('Courriel du conseiller·ère')])).toEqual(
        projects.slice(1).map(() => ''),
      );
      const json = (await download(t, tokens.viewer, `/cohorts/${cohortIds.get(19)}/export?format=json`)).json();
      expect(json.projects.find((p: { name: string }) => p.name === 'Projet fictif B (démo)')).toMatchObject({
        status: 'abandoned',
        statusReason: null,
        statusOn: '2023-07-19',
        advisorEmail: null,
      });
      expect(JSON.stringify(json)).not.toContain('Manque de financement');
    });

    it('gives the same in English with lang=en', async () => {
      const file = await download(t, tokens.viewer, `/cohorts/${cohortIds.get(20)}/export?lang=en`);
      expectAttachment(file, 'text/csv; charset=utf-8', 'cohort-20-parcours-coop.csv');
      const [projects, figures] = csvTables(file.bytes);
      expect(projects[0]).toEqual(PROJECT_HEADERS_EN);
      const lurlubelrue = projects.find((row) => row[0] === 'Lurlubelrue')!;
      expect(lurlubelrue.slice(0, 9)).toEqual([
        'Lurlubelrue',
        'réparation de vélo',
        'Takeover',
        'Worker co-op',
        '06',
        '3',
        'Conseillère (démo)',
        'Incorporation as a co-op',
        'Active',
      ]);
      expect(lurlubelrue.slice(at('Programme'), at('Courriel du conseiller·ère'))).toEqual([
        'Parcours COOP (co-op start-up training)',
        '20',
        '2023-10-04',
        '2024-03-06',
        'Automne 2023',
        'Remote',
      ]);
      const stats = await cohortStats(20);
      expect(projects).toHaveLength(1 + stats.registered);
      expect(figures[0]).toEqual(['Indicator', 'Value', 'Numerator', 'Denominator']);
      expect(figures.find((row) => row[0] === 'Start rate')).toEqual([
        'Start rate',
        `${stats.startRate!.percent}%`,
        '6',
        '6',
      ]);
      expect(figures.find((row) => row[0] === 'Registered projects')).toEqual(['Registered projects', '9', '', '']);
    });

    it('gives an XLSX with a Projets and an Indicateurs sheet, frozen headers, widths, date and percent cells', async () => {
      const file = await download(t, tokens.viewer, `/cohorts/${cohortIds.get(19)}/export?format=xlsx`);
      expectAttachment(
        file,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'cohorte-19-parcours-coop.xlsx',
      );
      const workbook = await readXlsx(file.bytes);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Projets', 'Indicateurs']);

      const projects = workbook.getWorksheet('Projets')!;
      const rows = sheetValues(projects);
      expect(rows[0]).toEqual(PROJECT_HEADERS_FR);
      expect(rows).toHaveLength(1 + 7);
      expect(projects.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(projects.getRow(1).getCell(1).font?.bold).toBe(true);
      PROJECT_HEADERS_FR.forEach((header, i) =>
        expect(projects.getColumn(i + 1).width).toBeGreaterThanOrEqual(Math.min(header.length, 60)),
      );
      const alouette = rows.find((row) => row[0] === "L'Alouette")!;
      expect(alouette.slice(0, 14)).toEqual([
        "L'Alouette",
        'traduction',
        'Démarrage',
        'Coopérative de travail',
        '06',
        3,
        'Conseillère (démo)',
        'En activité',
        'Actif',
        new Date('2023-03-20T00:00:00Z'),
        new Date('2023-04-12T00:00:00Z'),
        new Date('2023-09-13T00:00:00Z'),
        new Date('2023-11-08T00:00:00Z'),
        new Date('2024-01-15T00:00:00Z'),
      ]);
      expect(alouette.slice(at('Programme'))).toEqual([
        'Parcours COOP',
        19,
        new Date('2023-04-12T00:00:00Z'),
        new Date('2023-09-13T00:00:00Z'),
        'Printemps 2023',
        'À distance',
        null,
        new Date('2023-03-20T00:00:00Z'),
        null,
        null,
      ]);
      const rowNumber = rows.indexOf(alouette) + 1;
      for (const header of ['Date : Inscription', 'Date : En activité', 'Début de la cohorte', "Date d'inscription"])
        expect({ header, format: projects.getRow(rowNumber).getCell(at(header) + 1).numFmt }).toEqual({
          header,
          format: 'yyyy-mm-dd',
        });

      const figures = workbook.getWorksheet('Indicateurs')!;
      expect(figures.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const stats = await cohortStats(19);
      const startRate = sheetValues(figures).findIndex((row) => row[0] === 'Taux de démarrage') + 1;
      expect(sheetValues(figures)[startRate - 1]).toEqual(['Taux de démarrage', stats.startRate!.ratio, 4, 4]);
      expect(figures.getRow(startRate).getCell(2).numFmt).toBe('0%');
      expect(sheetValues(figures).find((row) => row[0] === 'Projets inscrits')).toEqual([
        'Projets inscrits',
        stats.registered,
        null,
        null,
      ]);
    });

    it('names the sheets in English with lang=en', async () => {
      const workbook = await readXlsx(
        (await download(t, tokens.viewer, `/cohorts/${cohortIds.get(19)}/export?format=xlsx&lang=en`)).bytes,
      );
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Projects', 'Figures']);
      expect(sheetValues(workbook.getWorksheet('Projects')!)[0]).toEqual(PROJECT_HEADERS_EN);
    });

    it('gives JSON: the cohort, its projects, and exactly the figures of GET /cohorts/:id/stats?fresh=true', async () => {
      const file = await download(t, tokens.viewer, `/cohorts/${cohortIds.get(20)}/export?format=json`);
      expectAttachment(file, 'application/json; charset=utf-8', 'cohorte-20-parcours-coop.json');
      const body = file.json();
      expect(body.cohort).toMatchObject({
        id: cohortIds.get(20),
        number: 20,
        label: 'Automne 2023',
        programCode: 'parcours-coop',
        year: '2023-2024',
      });
      expect(body.projects).toHaveLength(9);
      expect(body.projects.find((p: { name: string }) => p.name === 'Dimension physio')).toMatchObject({
        sector: 'physiothérapie',
        kind: 'startup',
        coopType: 'worker',
        region: '16',
        entrepreneurs: 3,
        stage: { code: 'en-activite', labelFr: 'En activité', labelEn: 'Operating' },
        status: 'active',
        statusReason: null,
        statusOn: null,
        // Not for a viewer.
        advisorEmail: null,
        enrolledOn: '2023-09-25',
        stageDates: {
          inscription: '2023-09-25',
          formation: '2023-10-04',
          'formation-completee': '2024-03-06',
          constitution: '2024-04-17',
          'en-activite': '2024-09-03',
        },
        milestones: { training_completed: '2024-03-06', incorporated: '2024-04-17', operating: '2024-09-03' },
        daysInProgram: expect.any(Number),
      });
      expect(body.projects.every((p: { statusReason: unknown }) => p.statusReason === null)).toBe(true);
      expect(body.projects.every((p: object) => !('contacts' in p))).toBe(true);
      expect(withoutFreshness(body.figures)).toEqual(withoutFreshness(await cohortStats(20)));
      expect(body.satisfaction).toEqual({
        responses: 12,
        satisfied: { numerator: 12, denominator: 12, ratio: 1, percent: 100 },
        verySatisfied: { numerator: 3, denominator: 12, ratio: 0.25, percent: 25 },
      });
    });
  });

  describe('GET /programs/:code/report', () => {
    const report = (query: string, token = tokens.viewer) =>
      download(t, token, `/programs/parcours-coop/report?year=2023-2024${query}`);

    it('gives the year as a CSV: cohorts and total, the accompaniment funnels, transfers by stage, each titled', async () => {
      const file = await report('&format=csv');
      expectAttachment(file, 'text/csv; charset=utf-8', 'rapport-parcours-coop-2023-2024.csv');
      expect(file.bytes.subarray(0, 3)).toEqual(BOM);
      const [cohorts, funnels, transfers] = csvTables(file.bytes);
      const stats = await get<ProgramStats>('/programs/parcours-coop/stats?year=2023-2024&fresh=true');

      expect(cohorts[0][0]).toMatch(/^Parcours COOP 2023-2024 : cohortes et total/);
      expect(cohorts[1]).toEqual([
        'Cohorte',
        'Libellé',
        'Inscrits',
        'Formation complétée',
        'Constitués',
        'Taux de complétion',
        'Taux de démarrage',
        'Entrepreneur·e·s',
        'Réponses (satisfaction)',
        'Satisfaits (4 ou 5)',
        'Très satisfaits (5)',
      ]);
      expect(cohorts.slice(2)).toEqual([
        ...stats.cohorts.map((c) => [
          String(c.number),
          c.number === 19 ? 'Printemps 2023' : 'Automne 2023',
          String(c.registered),
          String(c.completed),
          String(c.incorporated),
          frPercent(c.completionRate),
          frPercent(c.startRate),
          String(c.entrepreneurs),
          c.number === 19 ? '8' : '12',
          '100 %',
          '25 %',
        ]),
        [
          'Total',
          '2023-2024',
          '16',
          '10',
          '10',
          frPercent(stats.completionRate),
          frPercent(stats.startRate),
          '44',
          '20',
          '100 %',
          '25 %',
        ],
      ]);
      // What the annual report printed: 100 % per cohort, 63 % for the year, satisfaction 100 % and 25 %.
      expect(cohorts.slice(2).map((row) => row[6])).toEqual(['100 %', '100 %', '63 %']);

      const demarrage = await get<FunnelBody>('/programs/demarrage/funnel?year=2023-2024&fresh=true');
      expect(funnels[0]).toEqual(['Accompagnements 2023-2024 : entonnoir par programme']);
      const startUps = funnels.slice(2).filter((row) => row[0] === 'Accompagnement au démarrage');
      expect(startUps.map((row) => [row[1], Number(row[3]), Number(row[4])])).toEqual(
        demarrage.stages.map((s) => [s.labelFr, s.reached, s.current]),
      );
      expect(startUps.map((row) => [row[3], row[6], row[7]]).slice(0, 5)).toEqual([
        ['42', '', '100 %'],
        ['20', '48 %', '48 %'],
        ['18', '', ''],
        ['14', '', ''],
        ['11', '55 %', '26 %'],
      ]);

      const transfer = await get<FunnelBody>('/programs/transfertcoop/funnel?year=2023-2024&fresh=true');
      expect(transfers[0]).toEqual(['Projets de transfert 2023-2024 par étape']);
      expect(transfers[1]).toEqual(['Étape', 'Projets']);
      expect(transfers.slice(2)).toEqual([
        ...transfer.stages.map((s) => [s.labelFr, String(s.current)]),
        ['Total', '13'],
      ]);
    });

    it('gives an XLSX with one sheet per table, French headers, percent cells, frozen headers and widths', async () => {
      const file = await report('&format=xlsx');
      expectAttachment(
        file,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'rapport-parcours-coop-2023-2024.xlsx',
      );
      const workbook = await readXlsx(file.bytes);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Cohortes',
        'Accompagnements',
        'Transferts par étape',
        'Heures et emplois',
      ]);
      for (const sheet of workbook.worksheets) {
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        const headers = sheetValues(sheet)[0] as string[];
        headers.forEach((header, i) =>
          expect(sheet.getColumn(i + 1).width ?? 9).toBeGreaterThanOrEqual(Math.min(header.length, 60)),
        );
      }
      const cohorts = workbook.getWorksheet('Cohortes')!;
      const rows = sheetValues(cohorts);
      expect(rows[0][6]).toBe('Taux de démarrage');
      expect(rows.slice(1).map((row) => [row[0], row[2], row[4], row[6], row[9], row[10]])).toEqual([
        [19, 7, 4, 1, 1, 0.25],
        [20, 9, 6, 1, 1, 0.25],
        ['Total', 16, 10, 0.625, 1, 0.25],
      ]);
      const total = cohorts.getRow(4);
      for (const column of [6, 7, 10, 11]) expect(total.getCell(column).numFmt).toBe('0%');
      expect(sheetValues(workbook.getWorksheet('Transferts par étape')!).at(-1)).toEqual(['Total', 13]);
    });

    it('gives JSON with the cohorts, the total, the funnels and the transfers, as the figures endpoints give them', async () => {
      const file = await report('&format=json');
      expectAttachment(file, 'application/json; charset=utf-8', 'rapport-parcours-coop-2023-2024.json');
      const body = file.json();
      const stats = await get<ProgramStats>('/programs/parcours-coop/stats?year=2023-2024&fresh=true');
      const { cohorts, ...total } = withoutFreshness(stats);
      expect(body.program).toEqual({ code: 'parcours-coop', nameFr: 'Parcours COOP', nameEn: expect.any(String) });
      expect(body.year).toBe('2023-2024');
      expect(body.cohorts.map(({ satisfaction: _s, ...cohort }: { satisfaction: unknown }) => cohort)).toEqual(cohorts);
      expect(body.cohorts.map((c: { satisfaction: { responses: number } }) => c.satisfaction.responses)).toEqual([
        8, 12,
      ]);
      const { satisfaction, ...totalFigures } = body.total;
      expect(totalFigures).toEqual(total);
      expect(body.total.startRate).toEqual({ numerator: 10, denominator: 16, ratio: 0.625, percent: 63 });
      expect(satisfaction).toEqual({
        responses: 20,
        satisfied: { numerator: 20, denominator: 20, ratio: 1, percent: 100 },
        verySatisfied: { numerator: 5, denominator: 20, ratio: 0.25, percent: 25 },
      });
      for (const [i, code] of ['demarrage', 'transfertcoop'].entries()) {
        expect(withoutFreshness(body.funnels[i])).toEqual(
          withoutFreshness(await get<FunnelBody>(`/programs/${code}/funnel?year=2023-2024&fresh=true`)),
        );
      }
      expect(body.transfersByStage.map((s: { code: string; projects: number }) => [s.code, s.projects])).toEqual([
        ['exploration', 0],
        ['prefaisabilite', 4],
        ['plan-affaires-transfert', 3],
        ['evaluation-negociation', 3],
        ['montage-financier', 3],
        ['constitution-achat', 0],
        ['en-activite', 0],
      ]);
    });

    it('adds the hours recorded for the year’s cohort projects and their jobs, as the entries and counts add up', async () => {
      // Entries on two projects of the year's cohorts, one a day before the year: the report sums those dated in it.
      const cohortProjects = (
        await Promise.all(
          [19, 20].map((number) =>
            get<{ items: { id: number }[] }>(`/projects?cohortId=${cohortIds.get(number)}&pageSize=100`),
          ),
        )
      ).flatMap((page) => page.items.map((p) => p.id));
      for (const [projectId, workedOn, hours] of [
        [cohortProjects[0], '2023-09-12', 2.75],
        [cohortProjects[1], '2024-03-31', 1.5],
        [cohortProjects[1], '2023-03-31', 4],
      ] as const) {
        await t
          .http()
          .post('/time-entries')
          .set(bearer(tokens.coordinator))
          .send({ projectId, workedOn, hours, interventionType: 'premieres-rencontres' })
          .expect(201);
      }
      let hours = 0;
      for (const projectId of cohortProjects) {
        const entries = await get<{ totalHours: number }>(
          `/time-entries?projectId=${projectId}&from=2023-04-01&to=2024-03-31&pageSize=1`,
        );
        hours += entries.totalHours;
      }
      // Jobs created: the latest count of the projects that first reached incorporation (its stage or a later
      // one, in any program) within the year; a start-up among them without a count is missing.
      const incorporatedStages = new Set(['constitution', 'constitution-achat', 'en-activite']);
      let created = 0;
      let startUpsWithout = 0;
      for (const projectId of cohortProjects) {
        const history = await get<{ stage: string; occurredAt: string }[]>(`/projects/${projectId}/transitions`);
        const reached = history
          .filter((move) => incorporatedStages.has(move.stage))
          .map((move) => localDateOf(new Date(move.occurredAt)))
          .sort()[0];
        if (!reached || reached < '2023-04-01' || reached > '2024-03-31') continue;
        const jobs = await get<{ created: number | null }>(`/projects/${projectId}/jobs`);
        const { kind } = await get<{ kind: string }>(`/projects/${projectId}`);
        created += jobs.created ?? 0;
        if (kind === 'startup' && jobs.created === null) startUpsWithout += 1;
      }

      const { work } = (await report('&format=json')).json();
      expect(hours).toBeGreaterThanOrEqual(4.25);
      expect(work.hours).toBe(hours);
      expect(created).toBeGreaterThan(0);
      expect(work.jobsCreated).toEqual({ jobs: created, missing: startUpsWithout });
      const csv = csvTables((await report('&format=csv')).bytes)[3];
      expect(csv.slice(2).map((row) => row.slice(1))).toEqual([
        [String(hours), ''],
        [String(work.incorporated), ''],
        [String(work.takeovers), ''],
        [String(created), String(work.jobsCreated.missing)],
        [String(work.jobsMaintained.jobs), String(work.jobsMaintained.missing)],
      ]);
    });

    it('gives the same rows separated by semicolons with delimiter=semicolon', async () => {
      const comma = await report('');
      const semicolon = await report('&format=csv&delimiter=semicolon');
      expectAttachment(semicolon, 'text/csv; charset=utf-8', 'rapport-parcours-coop-2023-2024.csv');
      expect(semicolon.bytes.toString('utf8').split('\r\n')[2]).toContain(';');
      expect(readCsv(semicolon.bytes, ';')).toEqual(readCsv(comma.bytes));
      expect(readCsv(comma.bytes).length).toBeGreaterThan(10);
    });

    it('speaks English with lang=en', async () => {
      const file = await report('&lang=en');
      expect(file.headers['content-disposition']).toContain('filename="report-parcours-coop-2023-2024.csv"');
      const [cohorts, funnels, transfers] = csvTables(file.bytes);
      expect(cohorts[1].slice(0, 3)).toEqual(['Cohort', 'Label', 'Registered']);
      expect(cohorts.at(-1)![6]).toBe('63%');
      expect(funnels[2].slice(0, 3)).toEqual(['Start-up accompaniment', 'First contact', 'Met']);
      expect(transfers[1]).toEqual(['Stage', 'Projects']);
    });

    it('refuses an unknown program (404), one without cohorts (422), a missing or bad year (400), and logs none of them', async () => {
      const before = await logTotal();
      const cases: [string, number][] = [
        ['/programs/nope/report?year=2023-2024', 404],
        ['/programs/demarrage/report?year=2023-2024', 422],
        ['/programs/parcours-coop/report', 400],
        ['/programs/parcours-coop/report?year=2023-2025', 400],
        ['/programs/parcours-coop/report?year=2023-2024&format=pdf', 400],
        ['/programs/parcours-coop/report?year=2023-2024&includeContacts=true', 400],
        ['/programs/parcours-coop/report?year=2023-2024&delimiter=tab', 400],
        ['/programs/parcours-coop/report?year=2023-2024&format=json&delimiter=semicolon', 400],
      ];
      for (const [path, status] of cases) {
        const response = await t.http().get(path).set(bearer(tokens.coordinator));
        expect({ path, status: response.status }).toEqual({ path, status });
        expectErrorShape(response.body, status);
      }
      expect(await logTotal()).toBe(before);
    });
  });

  describe('contacts and the log', () => {
    const exportWithContacts = (token: string, format = 'csv') =>
      download(t, token, `/cohorts/${cohortIds.get(19)}/export?format=${format}&includeContacts=true`);

    it.each(['viewer', 'advisor'] as const)('refuses contacts to a %s (403) and logs nothing', async (role) => {
      const before = await logTotal();
      for (const format of ['csv', 'xlsx', 'json']) {
        const response = await exportWithContacts(tokens[role], format);
        expect({ format, status: response.status }).toEqual({ format, status: 403 });
        expectErrorShape(response.json(), 403);
        expect(response.json().message).toContain('includeContacts');
      }
      expect(await logTotal()).toBe(before);
    });

    it('never shows contacts to a viewer in any format', async () => {
      for (const format of ['csv', 'xlsx', 'json']) {
        const file = await download(t, tokens.viewer, `/cohorts/${cohortIds.get(19)}/export?format=${format}`);
        expect(file.status).toBe(200);
        const text =
          format === 'xlsx'
            ? JSON.stringify((await readXlsx(file.bytes)).worksheets.map(sheetValues))
            : file.bytes.toString('utf8');
        expect({ format, leaks: /contact démo|@demo\.coop\.example/.test(text) }).toEqual({ format, leaks: false });
      }
    });

    it.each(['coordinator', 'admin'] as const)('gives a %s the contact columns', async (role) => {
      const [projects] = csvTables((await exportWithContacts(tokens[role])).bytes);
      expect(projects[0].slice(-2)).toEqual(['Contacts', 'Courriels']);
      expect(projects.find((row) => row[0] === 'La Sesh')!.slice(-2)).toEqual([
        'Équipe La Sesh (contact démo)',
        'la-sesh@demo.coop.example',
      ]);

      const workbook = await readXlsx((await exportWithContacts(tokens[role], 'xlsx')).bytes);
      expect(sheetValues(workbook.getWorksheet('Projets')!)[0].slice(-2)).toEqual(['Contacts', 'Courriels']);
      const json = (await exportWithContacts(tokens[role], 'json')).json();
      expect(json.projects.find((p: { name: string }) => p.name === 'La Sesh').contacts).toEqual([
        { name: 'Équipe La Sesh (contact démo)', email: 'la-sesh@demo.coop.example' },
      ]);
    });

    it('logs every export (who, what, format, contacts, when), newest first, for coordinators and admins', async () => {
      const started = Date.now();
      const before = await logTotal();
      await download(t, tokens.viewer, `/cohorts/${cohortIds.get(20)}/export?format=xlsx&lang=en`);
      await exportWithContacts(tokens.coordinator, 'json');
      await download(t, tokens.advisor, '/programs/parcours-coop/report?year=2023-2024');
      expect(await logTotal()).toBe(before + 3);

      const viewerId = (await get<{ id: number }>('/users/me', tokens.viewer)).id;
      const coordinatorId = (await get<{ id: number }>('/users/me', tokens.coordinator)).id;
      const log = await get<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }>(
        '/exports/log?pageSize=3',
        tokens.admin,
      );
      expect(log).toMatchObject({ total: before + 3, page: 1, pageSize: 3 });
      expect(log.items).toEqual([
        expect.objectContaining({
          kind: 'program-report',
          target: 'parcours-coop:2023-2024',
          format: 'csv',
          includeContacts: false,
          lang: 'fr',
          user: expect.objectContaining({ name: 'Conseillère (démo)' }),
        }),
        expect.objectContaining({
          kind: 'cohort',
          target: String(cohortIds.get(19)),
          format: 'json',
          includeContacts: true,
          lang: 'fr',
          user: expect.objectContaining({ id: coordinatorId }),
        }),
        expect.objectContaining({
          kind: 'cohort',
          target: String(cohortIds.get(20)),
          format: 'xlsx',
          includeContacts: false,
          lang: 'en',
          user: { id: viewerId, name: 'Lecture seule (démo)', email: 'lecture@demo.coop.example' },
        }),
      ]);
      for (const item of log.items)
        expect(new Date(item.createdAt as string).getTime()).toBeGreaterThanOrEqual(started - 1000);

      const second = await get<{ items: { id: number }[] }>('/exports/log?pageSize=3&page=2', tokens.coordinator);
      expect(Math.max(...second.items.map((i) => i.id))).toBeLessThan(
        Math.min(...log.items.map((i) => i.id as number)),
      );
    });

    it.each(['viewer', 'advisor'] as const)('does not show the log to a %s (403)', async (role) => {
      const response = await t.http().get('/exports/log').set(bearer(tokens[role])).expect(403);
      expectErrorShape(response.body, 403);
    });
  });

  describe('refusals', () => {
    it('answers 404 for an unknown cohort, 400 naming a bad format, lang, includeContacts or unknown field, and logs none', async () => {
      const before = await logTotal();
      const unknown = await t.http().get('/cohorts/999999/export').set(bearer(tokens.coordinator)).expect(404);
      expectErrorShape(unknown.body, 404);
      for (const [query, field] of [
        ['format=pdf', 'format'],
        ['lang=de', 'lang'],
        ['includeContacts=yes', 'includeContacts'],
        ['colour=red', 'colour'],
        ['delimiter=tab', 'delimiter'],
        ['delimiter=', 'delimiter'],
        ['format=xlsx&delimiter=semicolon', 'delimiter'],
        ['format=json&delimiter=comma', 'delimiter'],
      ]) {
        const response = await t
          .http()
          .get(`/cohorts/${cohortIds.get(19)}/export?${query}`)
          .set(bearer(tokens.coordinator));
        expect({
          query,
          status: response.status,
          fields: response.body.details?.map((d: { field: string }) => d.field),
        }).toEqual({ query, status: 400, fields: [field] });
        expectErrorShape(response.body, 400);
      }
      const badFormat = await t
        .http()
        .get(`/cohorts/${cohortIds.get(19)}/export?format=pdf`)
        .set(bearer(tokens.coordinator));
      expect(badFormat.body.message).toContain('format must be one of csv, xlsx, json');
      const cohort19 = `/cohorts/${cohortIds.get(19)}/export`;
      const messageFor = async (query: string) =>
        (await t.http().get(`${cohort19}?${query}`).set(bearer(tokens.coordinator))).body.message;
      expect(await messageFor('delimiter=tab')).toContain('delimiter must be one of comma, semicolon');
      expect(await messageFor('format=xlsx&delimiter=semicolon')).toContain('delimiter applies to CSV only');
      expect(await logTotal()).toBe(before);
    });

    it('needs a token', async () => {
      await t
        .http()
        .get(`/cohorts/${cohortIds.get(19)}/export`)
        .expect(401);
      await t.http().get('/programs/parcours-coop/report?year=2023-2024').expect(401);
    });
  });
});

describe('exports of names people typed', () => {
  let t: TestApp;
  let coordinator: string;
  let cohortId: number;
  const awkward = 'Café "Les Amis", Montréal\nCoop';
  const formula = '=HYPERLINK("http://x")';

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
    cohortId = (await createCohort(t, coordinator, { startsOn: '2024-04-10', endsOn: '2024-09-11' })).id;
    await createProject(t, coordinator, {
      programCode: 'parcours-coop',
      cohortId,
      name: awkward,
      sector: 'café, "bistro"',
      contacts: [
        { name: 'Zoé Tremblay, fille', email: 'zoe@example.org' },
        { name: '@Sam', email: 'sam@example.org' },
      ],
    });
    await createProject(t, coordinator, {
      programCode: 'parcours-coop',
      cohortId,
      name: formula,
      sector: '+sector',
      enrolledAt: '2024-04-01',
    });
    await createProject(t, coordinator, {
      programCode: 'parcours-coop',
      cohortId,
      name: '-5 % de rabais',
      sector: '@menuiserie',
    });
  });
  afterAll(() => t?.close());

  const exportOf = (format: string) =>
    download(t, coordinator, `/cohorts/${cohortId}/export?format=${format}&includeContacts=true`);

  it('round-trips a name with a comma, a quote, a line break and an accent through CSV, and neutralises formulas', async () => {
    const file = await exportOf('csv');
    const records = readCsv(file.bytes);
    const rows = records.slice(1, 4);
    expect(rows.map((row) => row[0])).toEqual([awkward, `'${formula}`, "'-5 % de rabais"]);
    expect(rows.map((row) => row[1])).toEqual(['café, "bistro"', "'+sector", "'@menuiserie"]);
    expect(rows[0].slice(-2)).toEqual(['Zoé Tremblay, fille; @Sam', 'zoe@example.org; sam@example.org']);
    // The raw text: RFC 4180 quoting, doubled quotes, CRLF between records, the line break kept inside its field.
    expect(file.bytes.toString('utf8')).toContain('"Café ""Les Amis"", Montréal\nCoop"');
    expect(file.bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"")"`);
    // Numbers are ours: not neutralised, written as numbers.
    expect(rows.map((row) => row[5])).toEqual(['3', '3', '3']);
  });

  it('keeps a name holding semicolons whole with either delimiter, and never starts a cell with =', async () => {
    const other = (await createCohort(t, coordinator, { startsOn: '2024-10-09', endsOn: '2025-03-12' })).id;
    const names = ['x;=1+1;', 'Coop; Les Amis, Montréal'];
    for (const name of names) {
      await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: other, name, sector: 'a;-b' });
    }
    const comma = await download(t, coordinator, `/cohorts/${other}/export`);
    const semicolon = await download(t, coordinator, `/cohorts/${other}/export?delimiter=semicolon&format=csv`);
    const [projects] = csvTables(comma.bytes);
    expect(projects.slice(1).map((row) => [row[0], row[1]])).toEqual(names.map((name) => [name, 'a;-b']));
    expect(readCsv(semicolon.bytes, ';')).toEqual(readCsv(comma.bytes));
    // Split as a spreadsheet would that guesses the other separator: a quoted cell stays whole.
    for (const [file, delimiter] of [
      [comma, ';'],
      [semicolon, ','],
      [comma, ','],
      [semicolon, ';'],
    ] as const) {
      const options = { bom: true, relax_column_count: true, relax_quotes: true, delimiter };
      const records: string[][] = parse(file.bytes.toString('utf8'), options);
      const formulas = records.flat().filter((cell) => cell.startsWith('='));
      expect({ delimiter, formulas }).toEqual({ delimiter, formulas: [] });
    }
  });

  it('keeps the same text in XLSX, where no cell is a formula', async () => {
    const workbook = await readXlsx((await exportOf('xlsx')).bytes);
    const sheet = workbook.getWorksheet('Projets')!;
    const rows = sheetValues(sheet).slice(1);
    expect(rows.map((row) => row[0])).toEqual([awkward, `'${formula}`, "'-5 % de rabais"]);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('gives the names unchanged in JSON, which no spreadsheet runs', async () => {
    const body = (await exportOf('json')).json();
    expect(body.projects.map((p: { name: string }) => p.name)).toEqual([awkward, formula, '-5 % de rabais']);
    expect(body.projects[0].contacts).toEqual([
      { name: 'Zoé Tremblay, fille', email: 'zoe@example.org' },
      { name: '@Sam', email: 'sam@example.org' },
    ]);
  });

  it('streams a cohort larger than one batch in order, each project once', async () => {
    const big = (await createCohort(t, coordinator, { startsOn: '2025-04-10', endsOn: '2025-09-11' })).id;
    const total = 1203;
    await t.dataSource.transaction(async (manager) => {
      // Straight into the tables: 1,203 projects through the API would take the test's whole budget.
      const [{ id: before }] = await manager.query('SELECT COALESCE(MAX(id), 0) AS id FROM projects');
      const names = Array.from({ length: total }, (_, i) => `Projet en lot ${String(i + 1).padStart(4, '0')}`);
      await manager.query(
        `INSERT INTO projects (name, search_name, sector, kind, coop_type, region, entrepreneur_count, fictitious, version) VALUES ${names
          .map((name) => `('${name}', '${name.toLowerCase()}', 'lot', 'startup', 'worker', '06', 2, FALSE, 1)`)
          .join(', ')}`,
      );
      const at = { at: new Date('2025-04-01T04:00:00Z'), cohortId: big, before: Number(before) };
      await namedQuery(
        manager,
        `
        INSERT INTO enrollments (project_id, program_code, cohort_id, stage_code, status, version, enrolled_at, stage_entered_at, last_moved_at)
        SELECT id, 'parcours-coop', :cohortId, 'inscription', 'active', 1, :at, :at, :at FROM projects WHERE id > :before`,
        at,
      );
      await namedQuery(
        manager,
        `
        INSERT INTO transitions (enrollment_id, project_id, program_code, kind, to_stage, to_status, occurred_at, recorded_at, source)
        SELECT id, project_id, 'parcours-coop', 'enrol', 'inscription', 'active', :at, :at, 'system' FROM enrollments WHERE cohort_id = :cohortId`,
        at,
      );
    });
    const [projects] = csvTables((await download(t, coordinator, `/cohorts/${big}/export`)).bytes);
    expect(projects).toHaveLength(1 + total);
    expect(projects.slice(1).map((row) => row[0])).toEqual(
      Array.from({ length: total }, (_, i) => `Projet en lot ${String(i + 1).padStart(4, '0')}`),
    );
    const json = (await download(t, coordinator, `/cohorts/${big}/export?format=json`)).json();
    expect(json.projects).toHaveLength(total);
    expect(json.figures.registered).toBe(total);
  });
});
