import { DEFAULT_DEMO_PASSWORD } from '../src/config/app-config.js';
import { assertConsistent, type FundingRequestState } from '../src/financing/funding-rules.js';
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

interface EntryItem {
  advisor: { id: number };
  project: { id: number } | null;
  organization: { id: number; name: string } | null;
  workedOn: string;
  hours: number;
  interventionType: { code: string; family: { code: string } };
}

const ADVISORY_FAMILIES = ['gestion-collective', 'finances', 'strategie'];

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

  /** Every entry the API lists between two dates, page after page. */
  const entriesBetween = async (from: string, to: string): Promise<EntryItem[]> => {
    const items: EntryItem[] = [];
    for (let page = 1; ; page++) {
      const response = await t
        .http()
        .get(`/time-entries?from=${from}&to=${to}&pageSize=500&page=${page}`)
        .set(bearer(token))
        .expect(200);
      items.push(...response.body.items);
      if (items.length >= response.body.total) return items;
    }
  };
  /** The advisory hours and co-ops served in a reporting year, from the listed entries. */
  const advisoryYear = async (from: string, to: string) => {
    const coopEntries = (await entriesBetween(from, to)).filter((e) => e.organization !== null);
    const totals = await Promise.all(
      ADVISORY_FAMILIES.map(
        async (family) =>
          (
            await t
              .http()
              .get(`/time-entries?from=${from}&to=${to}&family=${family}&pageSize=1`)
              .set(bearer(token))
              .expect(200)
          ).body.totalHours as number,
      ),
    );
    return {
      entries: coopEntries,
      hoursListed: coopEntries.reduce((sum, e) => sum + e.hours, 0),
      totalHours: totals.reduce((a, b) => a + b, 0),
      coops: new Set(coopEntries.map((e) => e.organization!.id)).size,
    };
  };

  it('counts 125 member co-ops at the end of 2023-2024, three regions new that year', async () => {
    const stats = await t.http().get('/organizations/stats?year=2023-2024').set(bearer(token)).expect(200);
    expect(stats.body.membersAtYearEnd).toBe(125);
    expect(stats.body.newRegions).toEqual(['08', '09', '11']);
    expect(stats.body.newMembers).toBeGreaterThan(0);
    expect(stats.body.departedMembers).toBeGreaterThan(0);
    const previous = await t.http().get('/organizations/stats?year=2022-2023').set(bearer(token)).expect(200);
    expect(previous.body.membersAtYearEnd).toBe(125 - stats.body.newMembers + stats.body.departedMembers);
  });

  it('links the co-ops the named projects became to their projects, and names every other co-op as fictitious', async () => {
    const response = await t.http().get('/organizations?pageSize=500').set(bearer(token)).expect(200);
    expect(response.body.items).toHaveLength(response.body.total);
    const organizations = response.body.items as { name: string; projectId: number | null; demo: boolean }[];
    const named = new Map(
      (await projectsOf('parcours-coop')).filter((p) => !p.fictitious).map((p) => [p.id, p.name] as const),
    );
    const linked = organizations.filter((o) => o.projectId !== null);
    expect(linked.map((o) => [o.projectId, o.name]).sort()).toEqual([...named.entries()].sort());
    for (const organization of organizations.filter((o) => o.projectId === null))
      expect(organization.name).toMatch(/^Coopérative fictive .* \(démo\)$/);
    expect(organizations.every((o) => o.demo)).toBe(true);
  });

  it('gives 884 advisory hours to 54 co-ops in 2023-2024, 44 co-ops in 2022-2023: ten more', async () => {
    const year = await advisoryYear('2023-04-01', '2024-03-31');
    expect([year.totalHours, year.hoursListed, year.coops]).toEqual([884, 884, 54]);
    // Over the report's three families and all their types, and both demo advisors.
    expect(new Set(year.entries.map((e) => e.interventionType.family.code))).toEqual(new Set(ADVISORY_FAMILIES));
    expect(new Set(year.entries.map((e) => e.interventionType.code)).size).toBe(12);
    expect(new Set(year.entries.map((e) => e.advisor.id)).size).toBe(2);
    for (const entry of year.entries) expect(Number.isInteger(entry.hours * 4)).toBe(true);

    const before = await advisoryYear('2022-04-01', '2023-03-31');
    expect(before.coops).toBe(44);
    expect(before.totalHours).toBe(before.hoursListed);
  });

  it('gives the start-up and transfer projects accompaniment hours of their own family', async () => {
    const projectEntries = (await entriesBetween('2023-04-01', '2025-03-31')).filter((e) => e.project !== null);
    expect(projectEntries.length).toBeGreaterThan(0);
    expect(projectEntries.every((e) => e.interventionType.family.code === 'demarrage-transfert')).toBe(true);
    const accompanied = new Set(
      [...(await projectsOf('demarrage')), ...(await projectsOf('transfertcoop'))].map((p) => p.id),
    );
    expect(new Set(projectEntries.map((e) => e.project!.id))).toEqual(accompanied);
  });

  it('never has an advisor record more than 24 hours on one day', async () => {
    const perDay = new Map<string, number>();
    for (const entry of await entriesBetween('2000-01-01', '2099-12-31')) {
      const key = `${entry.advisor.id} ${entry.workedOn}`;
      perDay.set(key, (perDay.get(key) ?? 0) + entry.hours);
    }
    expect(perDay.size).toBeGreaterThan(100);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(24);
  });

  it('records jobs created and maintained for the named projects, dated by their incorporation', async () => {
    for (const project of (await projectsOf('parcours-coop')).filter((p) => !p.fictitious)) {
      const jobs = (await t.http().get(`/projects/${project.id}/jobs`).set(bearer(token)).expect(200)).body;
      const history = (
        await t
          .http()
          .get(`/projects/${project.id}/transitions?programCode=parcours-coop`)
          .set(bearer(token))
          .expect(200)
      ).body as { id: number; stage: string }[];
      const incorporation = history.find((h) => h.stage === 'constitution')!;
      if (project.kind === 'transfer') expect(jobs.maintained).toBeGreaterThan(0);
      else expect(jobs.created).toBeGreaterThan(0);
      expect(jobs.counts[0].transitionId).toBe(incorporation.id);
    }
  });

  it('gives each project that reached a financial set-up funding requests that keep the API rules', async () => {
    const reachedSetUp = async (programCode: string) => {
      const reached = [];
      for (const project of await projectsOf(programCode)) {
        const history = await t
          .http()
          .get(`/projects/${project.id}/transitions?programCode=${programCode}`)
          .set(bearer(token))
          .expect(200);
        if (history.body.some((h: { stage: string }) => h.stage === 'montage-financier')) reached.push(project);
      }
      return reached;
    };
    const financed = [...(await reachedSetUp('demarrage')), ...(await reachedSetUp('transfertcoop'))];
    expect(financed).toHaveLength(14 + 3);
    const today = new Date().toISOString().slice(0, 10);
    const statuses = new Set<string>();
    for (const project of financed) {
      const body = (await t.http().get(`/projects/${project.id}/funding-requests`).set(bearer(token)).expect(200))
        .body as {
        items: FundingRequestState[];
        financing: { requests: number; grantedCents: number };
      };
      expect(body.financing.requests).toBeGreaterThanOrEqual(3);
      expect(body.financing.grantedCents).toBeGreaterThan(0);
      for (const request of body.items) {
        expect(() => assertConsistent(request, today)).not.toThrow();
        statuses.add(request.status);
      }
    }
    expect(statuses).toEqual(new Set(['in_preparation', 'submitted', 'granted', 'refused', 'paid']));
  });

  it('marks every co-op, hour, job count and funding request of the demo as demo', async () => {
    for (const table of ['organizations', 'time_entries', 'job_counts', 'funding_requests']) {
      const [row] = await t.dataSource.query(
        `SELECT COUNT(*) AS n, MIN(CASE WHEN demo THEN 1 ELSE 0 END) AS all_demo FROM ${table}`,
      );
      expect([table, Number(row.n) > 0, Number(row.all_demo)]).toEqual([table, true, 1]);
    }
  });

  it('gives the annual report’s advisory services through the report: 884 hours to 54 co-ops, 10 more than in 2022-2023', async () => {
    const advisory = (await t.http().get('/reports/advisory?year=2023-2024&format=json').set(bearer(token)).expect(200))
      .body;
    expect(advisory).toMatchObject({
      hours: 884,
      coops: 54,
      previous: { year: '2022-2023', coops: 44 },
      change: { coops: 10 },
    });
    const familyHours = advisory.byFamily.reduce((sum: number, f: { hours: number }) => sum + f.hours, 0);
    expect(familyHours).toBe(884);
  });

  it('makes the funder table’s totals the sums of its rows and of the year’s raw time entries', async () => {
    const funder = (await t.http().get('/reports/funder?year=2023-2024&format=json').set(bearer(token)).expect(200))
      .body;
    const value = (key: string) => funder.rows.find((row: { key: string }) => row.key === key).value;
    expect(value('totalInterventions')).toBe(value('startUpInterventions') + value('accompanimentInterventions'));
    const entries = (
      await t.http().get('/time-entries?from=2023-04-01&to=2024-03-31&pageSize=1').set(bearer(token)).expect(200)
    ).body;
    expect(value('totalHours')).toBe(entries.totalHours);
    // The 54 co-ops served grew from no project of the year: each is one accompaniment intervention.
    expect(value('accompanimentInterventions')).toBe(54);
    expect(value('jobsCreated')).toBeGreaterThan(0);
  });
});
