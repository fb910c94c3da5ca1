import { DEFAULT_DEMO_PASSWORD } from '../src/config/app-config.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

interface ProjectItem {
  id: number;
  name: string;
  sector: string;
  kind: string;
  entrepreneurCount: number;
  fictitious: boolean;
  enrollments: {
    programCode: string;
    stage: { code: string; position: number };
    status: string;
    cohort: { number: number } | null;
  }[];
}

describe('demo data for 2023-2024', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
    const login = await t
      .http()
      .post('/auth/login')
      .send({ email: 'coordination@demo.coop.example', password: DEFAULT_DEMO_PASSWORD })
      .expect(200);
    token = login.body.accessToken;
  });
  afterAll(() => t.close());

  const projectsOf = async (programCode: string): Promise<ProjectItem[]> => {
    const response = await t
      .http()
      .get(`/projects?programCode=${programCode}&pageSize=500`)
      .set(bearer(token))
      .expect(200);
    expect(response.body.items).toHaveLength(response.body.total);
    return response.body.items;
  };
  const highestReached = async (projectId: number, programCode: string) => {
    const history = await t
      .http()
      .get(`/projects/${projectId}/transitions?programCode=${programCode}`)
      .set(bearer(token))
      .expect(200);
    const stages = (await t.http().get(`/programs/${programCode}/stages`).set(bearer(token)).expect(200)).body as {
      code: string;
      position: number;
    }[];
    return Math.max(...history.body.map((h: { stage: string }) => stages.find((s) => s.code === h.stage)!.position));
  };

  it('signs in every demo user with the demo password', async () => {
    for (const email of ['admin', 'coordination', 'conseillere', 'conseiller', 'lecture'].map(
      (n) => `${n}@demo.coop.example`,
    )) {
      await t.http().post('/auth/login').send({ email, password: DEFAULT_DEMO_PASSWORD }).expect(200);
    }
  });

  it('holds Parcours COOP cohorts 19 and 20 with 16 registered projects and 44 entrepreneurs', async () => {
    const cohorts = await t
      .http()
      .get('/cohorts?programCode=parcours-coop&year=2023-2024')
      .set(bearer(token))
      .expect(200);
    expect(
      cohorts.body.map((c: { number: number; label: string; enrolledCount: number }) => [
        c.number,
        c.label,
        c.enrolledCount,
      ]),
    ).toEqual([
      [19, 'Printemps 2023', 7],
      [20, 'Automne 2023', 9],
    ]);

    const projects = await projectsOf('parcours-coop');
    expect(projects).toHaveLength(16);
    expect(projects.reduce((sum, p) => sum + p.entrepreneurCount, 0)).toBe(44);

    const named = projects.filter((p) => !p.fictitious);
    const byCohort = (n: number) =>
      named
        .filter((p) => p.enrollments[0].cohort?.number === n)
        .map((p) => p.name)
        .sort();
    expect(byCohort(19)).toEqual(['Cooped Up', 'Lab 148', 'La Sesh', "L'Alouette"].sort());
    expect(byCohort(20)).toEqual(
      ['Coop Aventure Mattawin', 'Dimension physio', 'La Seiche', 'La Tétro', 'Les Norkotières', 'Lurlubelrue'].sort(),
    );
    expect(
      named
        .filter((p) => p.kind === 'transfer')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Coop Aventure Mattawin', 'Lurlubelrue']);
    // All ten named projects completed the training and incorporated.
    for (const project of named) expect(['constitution', 'en-activite']).toContain(project.enrollments[0].stage.code);

    // The six that did not complete are stand-ins, and say so.
    const standIns = projects.filter((p) => p.fictitious);
    expect(standIns).toHaveLength(6);
    for (const project of standIns) {
      expect(project.name).toMatch(/fictif/);
      expect(await highestReached(project.id, 'parcours-coop')).toBeLessThan(3); // never reached formation-completee
    }
  });

  it("holds satisfaction ratings, marked as demo, whose shares are the report's: all rated 4 or 5, a quarter 5", async () => {
    const cohorts = await t
      .http()
      .get('/cohorts?programCode=parcours-coop&year=2023-2024')
      .set(bearer(token))
      .expect(200);
    const shares = [];
    for (const cohort of cohorts.body as { id: number; number: number }[]) {
      const summary = await t.http().get(`/cohorts/${cohort.id}/ratings`).set(bearer(token)).expect(200);
      shares.push([
        cohort.number,
        summary.body.responses,
        summary.body.satisfied.percent,
        summary.body.verySatisfied.percent,
      ]);
    }
    expect(shares).toEqual([
      [19, 8, 100, 25],
      [20, 12, 100, 25],
    ]);
    const [row] = await t.dataSource.query(
      'SELECT COUNT(*) AS n, SUM(CASE WHEN rating = 5 THEN 1 ELSE 0 END) AS fives, MIN(CASE WHEN demo THEN 1 ELSE 0 END) AS all_demo FROM satisfaction_ratings',
    );
    expect([Number(row.n), Number(row.fives), Number(row.all_demo)]).toEqual([20, 5, 1]);
  });

  it('holds the start-up accompaniment: 42 teams met, 20 engaged, 11 incorporated', async () => {
    const projects = await projectsOf('demarrage');
    expect(projects).toHaveLength(42);
    expect(projects.every((p) => p.fictitious && /fictive/.test(p.name))).toBe(true);
    const reached = await Promise.all(projects.map((p) => highestReached(p.id, 'demarrage')));
    expect(reached.filter((position) => position >= 2)).toHaveLength(20); // accompagnement, milestone engaged
    expect(reached.filter((position) => position >= 5)).toHaveLength(11); // constitution, milestone incorporated
  });

  it('holds 13 transfer projects between pre-feasibility and financial set-up', async () => {
    const projects = await projectsOf('transfertcoop');
    expect(projects).toHaveLength(13);
    expect(projects.every((p) => p.kind === 'transfer' && p.fictitious)).toBe(true);
    const stages = projects.map((p) => p.enrollments[0].stage.code);
    expect(new Set(stages)).toEqual(
      new Set(['prefaisabilite', 'plan-affaires-transfert', 'evaluation-negociation', 'montage-financier']),
    );
  });

  it('gives each demo advisor a task overdue, one due today and one coming, on their own projects', async () => {
    for (const email of ['conseillere@demo.coop.example', 'conseiller@demo.coop.example']) {
      const login = await t.http().post('/auth/login').send({ email, password: DEFAULT_DEMO_PASSWORD }).expect(200);
      const advisor = bearer(login.body.accessToken);
      const me = (await t.http().get('/users/me').set(advisor).expect(200)).body;
      const tasks = (await t.http().get('/follow-ups').set(advisor).expect(200)).body.items;
      expect(tasks.map((task: { state: string }) => task.state)).toEqual(['overdue', 'due', 'upcoming']);
      for (const task of tasks) {
        expect(task.assigneeId).toBe(me.id);
        expect((await t.http().get(`/projects/${task.projectId}`).set(advisor).expect(200)).body.advisorId).toBe(me.id);
      }
    }
  });
});
