import { countRows, createCohort } from './support/fixtures.js';
import { rateOf } from './support/figures.js';
import { bearer, expectErrorShape, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

describe('satisfaction ratings', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const record = (cohortId: number, body: unknown, token = coordinator) =>
    t
      .http()
      .post(`/cohorts/${cohortId}/ratings`)
      .set(bearer(token))
      .send(body as object);
  const summary = async (cohortId: number, token = coordinator) =>
    (await t.http().get(`/cohorts/${cohortId}/ratings`).set(bearer(token)).expect(200)).body;
  const ratings = (...values: number[]) => ({ ratings: values.map((rating) => ({ rating })) });

  it('has no shares before anyone answers: null, not 0', async () => {
    const cohort = await createCohort(t, coordinator);
    expect(await summary(cohort.id)).toEqual({
      cohortId: cohort.id,
      responses: 0,
      satisfied: null,
      verySatisfied: null,
    });
  });

  it('records one or many ratings at once and answers 201 with the shares that rated 4 or 5, and 5, rounded half up', async () => {
    const cohort = await createCohort(t, coordinator);
    const first = await record(cohort.id, { ratings: [{ rating: 5, respondent: 'Formulaire 1' }] }).expect(201);
    expect(first.body).toEqual({
      cohortId: cohort.id,
      responses: 1,
      satisfied: rateOf(1, 1),
      verySatisfied: rateOf(1, 1),
    });

    const more = await record(cohort.id, ratings(4, 4, 4, 4, 4, 4, 3)).expect(201);
    expect(more.body).toEqual({
      cohortId: cohort.id,
      responses: 8,
      satisfied: rateOf(7, 8),
      verySatisfied: rateOf(1, 8),
    });
    expect(more.body.verySatisfied.percent).toBe(13); // 12.5 %
    expect(more.body.satisfied.percent).toBe(88); // 87.5 %

    const viewer = await t.tokenFor('viewer');
    expect(await summary(cohort.id, viewer)).toEqual(more.body);
  });

  it('stores who recorded each rating and when, as real (not demo) answers', async () => {
    const cohort = await createCohort(t, coordinator);
    const started = Date.now();
    await record(cohort.id, { ratings: [{ rating: 2, respondent: '  Formulaire 7 ' }, { rating: 1 }] }).expect(201);
    const rows = await t.dataSource.query(
      `SELECT rating, respondent, demo, recorded_by, recorded_at FROM satisfaction_ratings WHERE cohort_id = ${cohort.id} ORDER BY id`,
    );
    const coordinatorId = await t.userIdFor('coordinator');
    expect(
      rows.map((r: Record<string, unknown>) => [
        Number(r.rating),
        r.respondent,
        Boolean(r.demo),
        Number(r.recorded_by),
      ]),
    ).toEqual([
      [2, 'Formulaire 7', false, coordinatorId],
      [1, null, false, coordinatorId],
    ]);
    const recordedAt =
      rows[0].recorded_at instanceof Date
        ? rows[0].recorded_at
        : new Date(`${String(rows[0].recorded_at).replace(' ', 'T')}Z`);
    expect(recordedAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it.each([
    ['0', ratings(0), ['ratings.0.rating']],
    ['6', ratings(6), ['ratings.0.rating']],
    ['2.5', ratings(2.5), ['ratings.0.rating']],
    ['"5" as text', { ratings: [{ rating: '5' }] }, ['ratings.0.rating']],
    ['an empty list', { ratings: [] }, ['ratings']],
    ['no list', {}, ['ratings']],
    ['a list of numbers', { ratings: [5, 4] }, ['ratings.0', 'ratings.1']],
    ['one bad rating among good ones', ratings(5, 4, 0, 5), ['ratings.2.rating']],
    ['two bad ratings', ratings(7, 4, -1), ['ratings.0.rating', 'ratings.2.rating']],
    ['an empty respondent', { ratings: [{ rating: 4, respondent: '   ' }] }, ['ratings.0.respondent']],
    ['an unknown field', { ratings: [{ rating: 4, comment: 'Super' }] }, ['ratings.0.comment']],
    ['more than 500 ratings', ratings(...Array<number>(501).fill(5)), ['ratings']],
  ])('refuses %s with 400 naming the field, and records nothing', async (_label, body, fields) => {
    const cohort = await createCohort(t, coordinator);
    const before = await countRows(t, 'satisfaction_ratings');
    const response = await record(cohort.id, body).expect(400);
    expectErrorShape(response.body, 400);
    expect(fieldsOf(response.body).sort()).toEqual(fields);
    if (fields.some((f) => f.endsWith('.rating')))
      expect(response.body.message).toContain('rating must be a whole number from 1 to 5');
    expect(await countRows(t, 'satisfaction_ratings')).toBe(before);
    expect((await summary(cohort.id)).responses).toBe(0);
  });

  it('takes 500 ratings in one request', async () => {
    const cohort = await createCohort(t, coordinator);
    const response = await record(cohort.id, ratings(...Array<number>(500).fill(4))).expect(201);
    expect(response.body).toMatchObject({ responses: 500, satisfied: rateOf(500, 500), verySatisfied: rateOf(0, 500) });
  });

  it('answers 404 for a cohort that does not exist, and records nothing', async () => {
    const before = await countRows(t, 'satisfaction_ratings');
    const response = await record(999999, ratings(5)).expect(404);
    expectErrorShape(response.body, 404);
    expectErrorShape((await t.http().get('/cohorts/999999/ratings').set(bearer(coordinator)).expect(404)).body, 404);
    expect(await countRows(t, 'satisfaction_ratings')).toBe(before);
  });

  it.each(['advisor', 'viewer'] as const)(
    'refuses a %s (403): only coordinators and admins record ratings',
    async (role) => {
      const cohort = await createCohort(t, coordinator);
      const response = await record(cohort.id, ratings(5), await t.tokenFor(role)).expect(403);
      expectErrorShape(response.body, 403);
      expect((await summary(cohort.id)).responses).toBe(0);
    },
  );
});
