import { FiguresService } from '../src/figures/figures.service.js';
import { cohortScope } from '../src/figures/figure-scope.js';
import { createCohort, createProject } from './support/fixtures.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

// A cohort's export carries its figures as of the last recorded move: the stored ones when no change
// waits for them, else computed as it is made. ROLE=api: nothing here computes the stored figures but
// the test itself, so that a change stays waiting as long as the test needs.
describe("a cohort export's figures", () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    token = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const exported = async (cohortId: number) =>
    (await t.http().get(`/cohorts/${cohortId}/export?format=json`).set(bearer(token)).expect(200)).body as {
      figures: { registered: number; completed: number; computedAt: string; pending: boolean };
    };
  const move = (projectId: number, to: string) =>
    t.http().post(`/projects/${projectId}/transitions`).set(bearer(token)).send({ to }).expect(201);

  it('are the stored ones while nothing waits for them, and counted again once a move is waiting', async () => {
    const cohort = await createCohort(t, token);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await createProject(t, token, { programCode: 'parcours-coop', cohortId: cohort.id })).id as number);
    for (const id of ids) await move(id, 'formation');
    await move(ids[0], 'formation-completee');

    // Nothing stored yet: counted as the export is made.
    expect((await exported(cohort.id)).figures).toMatchObject({ registered: 3, completed: 1, pending: true });

    await t.app.get(FiguresService).recomputeScope(cohortScope(cohort.id));
    const stored = (await t.http().get(`/cohorts/${cohort.id}/stats`).set(bearer(token)).expect(200)).body;
    expect(stored).toMatchObject({ registered: 3, completed: 1, pending: false });
    // Up to date: the export carries the stored figures, computed when they were stored.
    expect((await exported(cohort.id)).figures).toEqual({ ...stored });

    // A move waits for the recompute: the export counts it all the same.
    await move(ids[1], 'formation-completee');
    const waiting = await t.http().get(`/cohorts/${cohort.id}/stats`).set(bearer(token)).expect(200);
    expect(waiting.body).toMatchObject({ completed: 1, pending: true });
    expect((await exported(cohort.id)).figures).toMatchObject({ registered: 3, completed: 2 });
  });
});
