import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { countRows, createProject } from './support/fixtures.js';

interface StageBody {
  code: string;
  labelFr: string;
  labelEn: string;
  position: number;
  milestone: string | null;
  staleAfterDays: number | null;
}

type Row = [code: string, labelFr: string, labelEn: string, milestone: string | null, staleAfterDays: number | null];

const asStages = (rows: Row[]): StageBody[] =>
  rows.map(([code, labelFr, labelEn, milestone, staleAfterDays], index) => ({
    code,
    labelFr,
    labelEn,
    position: index + 1,
    milestone,
    staleAfterDays,
  }));

/** The default pipelines every database starts with (domain.md, migration 1763800000001). */
const DEMARRAGE = asStages([
  ['premier-contact', 'Premier contact', 'First contact', 'met', 60],
  ['accompagnement', 'Accompagnement formel', 'Formal accompaniment', 'engaged', 90],
  ['plan-affaires', "Plan d'affaires et prévisions financières", 'Business plan and financial forecasts', null, 120],
  ['montage-financier', 'Montage financier', 'Financial set-up', null, 120],
  ['constitution', 'Constitution en coopérative', 'Incorporation as a co-op', 'incorporated', 180],
  ['en-activite', 'En activité', 'Operating', 'operating', null],
]);

const TRANSFERTCOOP = asStages([
  ['exploration', 'Exploration', 'Exploration', 'met', 60],
  [
    'prefaisabilite',
    'Analyse de préfaisabilité, financière et organisationnelle',
    'Pre-feasibility analysis, financial and organisational',
    'engaged',
    90,
  ],
  ['plan-affaires-transfert', "Plan d'affaires de transfert", 'Transfer business plan', null, 120],
  [
    'evaluation-negociation',
    'Évaluation et négociation avec le cédant',
    'Valuation and negotiation with the seller',
    null,
    120,
  ],
  ['montage-financier', 'Montage financier', 'Financial set-up', null, 120],
  ['constitution-achat', 'Constitution et achat', 'Incorporation and purchase', 'incorporated', 180],
  ['en-activite', 'En activité', 'Operating', 'operating', null],
]);

const STAGE_CODES: Record<string, string[]> = {
  'parcours-coop': ['inscription', 'formation', 'formation-completee', 'constitution', 'en-activite'],
  'parcours-transfertcoop': ['inscription', 'formation', 'formation-completee', 'constitution-achat', 'en-activite'],
  demarrage: DEMARRAGE.map((s) => s.code),
  transfertcoop: TRANSFERTCOOP.map((s) => s.code),
};

/** What a user sees of a stage, without the row id. */
const visible = (stages: StageBody[]): StageBody[] =>
  stages.map(({ code, labelFr, labelEn, position, milestone, staleAfterDays }) => ({
    code,
    labelFr,
    labelEn,
    position,
    milestone,
    staleAfterDays,
  }));

/** A stage as a user sees it, whatever its position. */
const withoutPosition = (stages: StageBody[]) => visible(stages).map(({ position: _position, ...rest }) => rest);

const codesOf = (stages: { code: string }[]) => stages.map((s) => s.code);

/** Positions run 1..n, in the order the stages are listed. */
function expectPositionsOneToN(stages: { position: number }[]) {
  expect(stages.map((s) => s.position)).toEqual(stages.map((_, index) => index + 1));
}

describe('programs and their stages', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  let advisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    advisor = await t.tokenFor('advisor');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const stagesOf = async (programCode: string): Promise<StageBody[]> => {
    const response = await t.http().get(`/programs/${programCode}/stages`).set(bearer(admin)).expect(200);
    return response.body;
  };
  const addStage = (programCode: string, body: object, token = admin) =>
    t.http().post(`/programs/${programCode}/stages`).set(bearer(token)).send(body);
  const patchStage = (programCode: string, stageCode: string, body: object, token = admin) =>
    t.http().patch(`/programs/${programCode}/stages/${stageCode}`).set(bearer(token)).send(body);
  const reorder = (programCode: string, codes: unknown, token = admin) =>
    t.http().put(`/programs/${programCode}/stages/order`).set(bearer(token)).send({ codes });
  const deleteStage = (programCode: string, stageCode: string, token = admin) =>
    t.http().delete(`/programs/${programCode}/stages/${stageCode}`).set(bearer(token));

  // These read the pipelines as seeded: they run before the tests below reshape any stage.
  describe('reading the default pipelines', () => {
    it('lists the four programs in order, each with its stages ordered by position', async () => {
      const response = await t.http().get('/programs').set(bearer(viewer)).expect(200);
      expect(response.body.map((p: { code: string }) => p.code)).toEqual([
        'parcours-coop',
        'parcours-transfertcoop',
        'demarrage',
        'transfertcoop',
      ]);
      expect(response.body.map((p: { code: string; usesCohorts: boolean }) => [p.code, p.usesCohorts])).toEqual([
        ['parcours-coop', true],
        ['parcours-transfertcoop', true],
        ['demarrage', false],
        ['transfertcoop', false],
      ]);
      for (const program of response.body as { code: string; stages: StageBody[] }[]) {
        expect(codesOf(program.stages)).toEqual(STAGE_CODES[program.code]);
        expectPositionsOneToN(program.stages);
      }
      const demarrage = response.body.find((p: { code: string }) => p.code === 'demarrage');
      expect(visible(demarrage.stages)).toEqual(DEMARRAGE);
    });

    it('shows the full demarrage pipeline on GET /programs/demarrage and GET /programs/demarrage/stages', async () => {
      const program = await t.http().get('/programs/demarrage').set(bearer(advisor)).expect(200);
      expect(program.body).toMatchObject({
        code: 'demarrage',
        nameFr: 'Accompagnement au démarrage',
        usesCohorts: false,
      });
      expect(visible(program.body.stages)).toEqual(DEMARRAGE);

      const stages = await t.http().get('/programs/demarrage/stages').set(bearer(viewer)).expect(200);
      expect(visible(stages.body)).toEqual(DEMARRAGE);
    });

    it('shows the full transfertcoop pipeline on GET /programs/transfertcoop and GET /programs/transfertcoop/stages', async () => {
      const program = await t.http().get('/programs/transfertcoop').set(bearer(coordinator)).expect(200);
      expect(program.body).toMatchObject({ code: 'transfertcoop', usesCohorts: false });
      expect(visible(program.body.stages)).toEqual(TRANSFERTCOOP);

      const stages = await t.http().get('/programs/transfertcoop/stages').set(bearer(viewer)).expect(200);
      expect(visible(stages.body)).toEqual(TRANSFERTCOOP);
    });

    it('puts the milestones of parcours-coop on training completed, incorporation and operating', async () => {
      const program = await t.http().get('/programs/parcours-coop').set(bearer(viewer)).expect(200);
      expect(program.body).toMatchObject({ code: 'parcours-coop', usesCohorts: true });
      expect(program.body.stages.map((s: StageBody) => [s.code, s.milestone, s.position])).toEqual([
        ['inscription', null, 1],
        ['formation', null, 2],
        ['formation-completee', 'training_completed', 3],
        ['constitution', 'incorporated', 4],
        ['en-activite', 'operating', 5],
      ]);
      const stages = await t.http().get('/programs/parcours-coop/stages').set(bearer(viewer)).expect(200);
      expect(visible(stages.body)).toEqual(visible(program.body.stages));
    });

    it('answers 404 for an unknown program', async () => {
      for (const path of ['/programs/parcours-inconnu', '/programs/parcours-inconnu/stages']) {
        const response = await t.http().get(path).set(bearer(viewer)).expect(404);
        expectErrorShape(response.body, 404);
        expect(response.body.message).toMatch(/parcours-inconnu/);
      }
    });
  });

  describe('admin stage management', () => {
    it('adds a stage at the end when no position is given', async () => {
      const before = await stagesOf('parcours-transfertcoop');
      const rowsBefore = await countRows(t, 'stages');

      const response = await addStage('parcours-transfertcoop', {
        code: 'suivi-post-achat',
        labelFr: 'Suivi après achat',
        labelEn: 'Post-purchase follow-up',
        staleAfterDays: 365,
      }).expect(201);

      expect(codesOf(response.body)).toEqual([...codesOf(before), 'suivi-post-achat']);
      expectPositionsOneToN(response.body);
      expect(visible(response.body).at(-1)).toEqual({
        code: 'suivi-post-achat',
        labelFr: 'Suivi après achat',
        labelEn: 'Post-purchase follow-up',
        position: before.length + 1,
        milestone: null,
        staleAfterDays: 365,
      });
      expect(visible(await stagesOf('parcours-transfertcoop'))).toEqual(visible(response.body));
      expect(await countRows(t, 'stages')).toBe(rowsBefore + 1);
    });

    it('adds a stage at a given position and shifts the stages after it', async () => {
      const before = await stagesOf('transfertcoop');

      const response = await addStage('transfertcoop', {
        code: 'pre-exploration',
        labelFr: 'Pré-exploration',
        labelEn: 'Pre-exploration',
        position: 2,
      }).expect(201);

      const expected = [before[0].code, 'pre-exploration', ...codesOf(before.slice(1))];
      expect(codesOf(response.body)).toEqual(expected);
      expectPositionsOneToN(response.body);
      const after = await stagesOf('transfertcoop');
      expect(codesOf(after)).toEqual(expected);
      expectPositionsOneToN(after);
      // The shifted stages keep their labels and milestones; only their positions moved.
      expect(withoutPosition(after.slice(2))).toEqual(withoutPosition(before.slice(1)));
      expect(after.find((s) => s.code === 'prefaisabilite')).toMatchObject({ position: 3, milestone: 'engaged' });
      expect(after.find((s) => s.code === 'pre-exploration')).toMatchObject({
        position: 2,
        milestone: null,
        staleAfterDays: null,
      });
    });

    it('adds a stage at position 1 and shifts every stage', async () => {
      const before = await stagesOf('parcours-coop');
      const response = await addStage('parcours-coop', {
        code: 'pre-inscription',
        labelFr: 'Pré-inscription',
        labelEn: 'Pre-registration',
        position: 1,
      }).expect(201);
      expect(codesOf(response.body)).toEqual(['pre-inscription', ...codesOf(before)]);
      expectPositionsOneToN(response.body);
      expect(visible(await stagesOf('parcours-coop'))).toEqual(visible(response.body));
    });

    it('numbers 1..n the stages added at the same moment, each at its own position', async () => {
      const before = await stagesOf('parcours-coop');
      const codes = ['atelier-a', 'atelier-b', 'atelier-c', 'atelier-d', 'atelier-e', 'atelier-f'];

      const responses = await Promise.all(
        codes.map((code) => addStage('parcours-coop', { code, labelFr: code, labelEn: code })),
      );

      expect(responses.map((r) => r.status)).toEqual(codes.map(() => 201));
      const after = await stagesOf('parcours-coop');
      expect(after).toHaveLength(before.length + codes.length);
      expectPositionsOneToN(after);
      expect(codesOf(after).slice(0, before.length)).toEqual(codesOf(before));
      expect([...codesOf(after).slice(before.length)].sort()).toEqual(codes);
    });

    it('keeps one stage of a code sent twice at the same moment: one 201, one 409', async () => {
      const before = await stagesOf('parcours-transfertcoop');
      const responses = await Promise.all(
        [1, 2].map(() =>
          addStage('parcours-transfertcoop', { code: 'atelier-double', labelFr: 'Atelier', labelEn: 'Workshop' }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expectErrorShape(responses.find((r) => r.status === 409)!.body, 409);
      const after = await stagesOf('parcours-transfertcoop');
      expect(codesOf(after)).toEqual([...codesOf(before), 'atelier-double']);
      expectPositionsOneToN(after);
    });

    it('refuses a code the program already has with 409 and writes nothing', async () => {
      const before = await stagesOf('demarrage');
      const rowsBefore = await countRows(t, 'stages');

      const response = await addStage('demarrage', {
        code: 'plan-affaires',
        labelFr: 'Doublon',
        labelEn: 'Duplicate',
      }).expect(409);

      expectErrorShape(response.body, 409);
      expect(response.body.message).toMatch(/plan-affaires/);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
      expect(await stagesOf('demarrage')).toEqual(before);
    });

    it('accepts in one program a code that another program already uses', async () => {
      // montage-financier is a stage of demarrage and of transfertcoop; parcours-coop may have one too.
      const response = await addStage('parcours-coop', {
        code: 'montage-financier',
        labelFr: 'Montage financier',
        labelEn: 'Financial set-up',
      }).expect(201);
      expect(codesOf(response.body)).toContain('montage-financier');
      expectPositionsOneToN(response.body);
    });

    it('refuses with 409 a milestone another stage of the program already holds, and writes nothing', async () => {
      const before = await stagesOf('demarrage');
      const rowsBefore = await countRows(t, 'stages');

      const response = await addStage('demarrage', {
        code: 'incorporation-bis',
        labelFr: 'Constitution bis',
        labelEn: 'Incorporation again',
        milestone: 'incorporated',
      }).expect(409);

      expectErrorShape(response.body, 409);
      expect(response.body.message).toMatch(/incorporated/);
      expect(response.body.message).toMatch(/constitution/);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
      expect(await stagesOf('demarrage')).toEqual(before);
    });

    it('refuses an ill-formed stage code with 400 and writes nothing', async () => {
      const rowsBefore = await countRows(t, 'stages');
      for (const code of [
        'Plan-Affaires',
        'plan_affaires',
        'plan affaires',
        '-plan',
        'plan-',
        'plan--affaires',
        '',
        'é'.repeat(3),
        'a'.repeat(61),
      ]) {
        const response = await addStage('demarrage', { code, labelFr: 'Étape', labelEn: 'Stage' });
        expect({ code, status: response.status }).toEqual({ code, status: 400 });
        expectErrorShape(response.body, 400);
        expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'code' })]));
      }
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
    });

    it('refuses a position outside 1..n+1 and writes nothing', async () => {
      const before = await stagesOf('demarrage');
      const rowsBefore = await countRows(t, 'stages');
      const beyond = await addStage('demarrage', {
        code: 'apres-la-fin',
        labelFr: 'Après',
        labelEn: 'After',
        position: before.length + 2,
      }).expect(422);
      expectErrorShape(beyond.body, 422);
      expect(beyond.body.message).toContain(`between 1 and ${before.length + 1}`);
      const zero = await addStage('demarrage', {
        code: 'avant-le-debut',
        labelFr: 'Avant',
        labelEn: 'Before',
        position: 0,
      }).expect(400);
      expectErrorShape(zero.body, 400);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
      expect(await stagesOf('demarrage')).toEqual(before);
    });

    it('answers 404 when adding a stage to an unknown program', async () => {
      const rowsBefore = await countRows(t, 'stages');
      const response = await addStage('parcours-inconnu', { code: 'etape', labelFr: 'Étape', labelEn: 'Stage' }).expect(
        404,
      );
      expectErrorShape(response.body, 404);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
    });

    it('relabels a stage: French and English labels, stale threshold and milestone', async () => {
      const before = await stagesOf('demarrage');

      const response = await patchStage('demarrage', 'plan-affaires', {
        labelFr: "Plan d'affaires",
        labelEn: 'Business plan',
        staleAfterDays: 150,
        milestone: 'training_completed',
      }).expect(200);

      expect(response.body).toMatchObject({
        code: 'plan-affaires',
        labelFr: "Plan d'affaires",
        labelEn: 'Business plan',
        staleAfterDays: 150,
        milestone: 'training_completed',
        position: before.find((s) => s.code === 'plan-affaires')!.position,
      });
      const after = await stagesOf('demarrage');
      expect(codesOf(after)).toEqual(codesOf(before));
      expectPositionsOneToN(after);
      expect(after.find((s) => s.code === 'plan-affaires')).toMatchObject({
        labelFr: "Plan d'affaires",
        labelEn: 'Business plan',
        staleAfterDays: 150,
        milestone: 'training_completed',
      });
      // The other stages are untouched.
      expect(after.filter((s) => s.code !== 'plan-affaires')).toEqual(before.filter((s) => s.code !== 'plan-affaires'));

      // A milestone and a threshold can be taken off again; one field alone changes only that field.
      const cleared = await patchStage('demarrage', 'plan-affaires', { milestone: null, staleAfterDays: null }).expect(
        200,
      );
      expect(cleared.body).toMatchObject({
        labelFr: "Plan d'affaires",
        labelEn: 'Business plan',
        milestone: null,
        staleAfterDays: null,
      });
      const relabelled = await patchStage('demarrage', 'plan-affaires', {
        labelEn: 'Business plan and forecasts',
      }).expect(200);
      expect(relabelled.body).toMatchObject({
        labelFr: "Plan d'affaires",
        labelEn: 'Business plan and forecasts',
        milestone: null,
        staleAfterDays: null,
      });
      expect((await stagesOf('demarrage')).find((s) => s.code === 'plan-affaires')).toMatchObject({
        labelFr: "Plan d'affaires",
        labelEn: 'Business plan and forecasts',
        milestone: null,
        staleAfterDays: null,
      });
    });

    it('keeps the milestone a stage already holds when it is patched with that same milestone', async () => {
      const response = await patchStage('demarrage', 'constitution', {
        milestone: 'incorporated',
        labelEn: 'Incorporation',
      }).expect(200);
      expect(response.body).toMatchObject({
        code: 'constitution',
        milestone: 'incorporated',
        labelEn: 'Incorporation',
      });
    });

    it('refuses with 409 to give a stage a milestone another stage holds', async () => {
      const before = await stagesOf('demarrage');
      const response = await patchStage('demarrage', 'montage-financier', { milestone: 'engaged' }).expect(409);
      expectErrorShape(response.body, 409);
      expect(response.body.message).toMatch(/accompagnement/);
      expect(await stagesOf('demarrage')).toEqual(before);
    });

    it('refuses a code in a PATCH with 400: a stage code never changes', async () => {
      const before = await stagesOf('demarrage');
      const response = await patchStage('demarrage', 'montage-financier', {
        code: 'financement',
        labelFr: 'Financement',
      }).expect(400);
      expectErrorShape(response.body, 400);
      expect(response.body.message).toMatch(/code/);
      expect(await stagesOf('demarrage')).toEqual(before);
      await t
        .http()
        .patch('/programs/demarrage/stages/financement')
        .set(bearer(admin))
        .send({ labelFr: 'x' })
        .expect(404);
    });

    it('refuses ill-formed relabels with 400 and answers 404 for an unknown stage', async () => {
      const before = await stagesOf('demarrage');
      for (const body of [
        { labelFr: '' },
        { staleAfterDays: 0 },
        { staleAfterDays: 'soon' },
        { milestone: 'launched' },
        { position: 1 },
      ]) {
        const response = await patchStage('demarrage', 'montage-financier', body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expectErrorShape(response.body, 400);
      }
      expect(await stagesOf('demarrage')).toEqual(before);

      const unknown = await patchStage('demarrage', 'prefaisabilite', { labelFr: 'Préfaisabilité' }).expect(404);
      expectErrorShape(unknown.body, 404);
      expect(await stagesOf('demarrage')).toEqual(before);
    });

    it('reorders the stages of a program', async () => {
      const before = await stagesOf('parcours-transfertcoop');
      const reversed = codesOf(before).reverse();

      const response = await reorder('parcours-transfertcoop', reversed).expect(200);

      expect(codesOf(response.body)).toEqual(reversed);
      expectPositionsOneToN(response.body);
      const after = await stagesOf('parcours-transfertcoop');
      expect(codesOf(after)).toEqual(reversed);
      expectPositionsOneToN(after);
      // Labels and milestones travel with their stage.
      expect(after.find((s) => s.code === 'formation-completee')).toMatchObject({
        milestone: 'training_completed',
        labelFr: 'Formation complétée',
      });

      const restored = await reorder('parcours-transfertcoop', codesOf(before)).expect(200);
      expect(visible(restored.body)).toEqual(visible(before));
    });

    it('refuses with 422 an order that misses a stage or adds one, and keeps the order', async () => {
      const before = await stagesOf('parcours-transfertcoop');
      const codes = codesOf(before);

      const missing = await reorder('parcours-transfertcoop', codes.slice(1)).expect(422);
      expectErrorShape(missing.body, 422);
      expect(missing.body.details).toEqual({ missing: [codes[0]], unknown: [] });

      const added = await reorder('parcours-transfertcoop', [...codes, 'plan-affaires']).expect(422);
      expectErrorShape(added.body, 422);
      expect(added.body.details).toEqual({ missing: [], unknown: ['plan-affaires'] });

      const swapped = await reorder('parcours-transfertcoop', [...codes.slice(1), 'constitution']).expect(422);
      expectErrorShape(swapped.body, 422);
      expect(swapped.body.details).toEqual({ missing: [codes[0]], unknown: ['constitution'] });

      const empty = await reorder('parcours-transfertcoop', []).expect(400);
      expectErrorShape(empty.body, 400);
      const repeated = await reorder('parcours-transfertcoop', [codes[0], ...codes]).expect(400);
      expectErrorShape(repeated.body, 400);

      expect(await stagesOf('parcours-transfertcoop')).toEqual(before);
    });

    it('deletes an unused stage with 204 and closes up the positions', async () => {
      const added = await addStage('transfertcoop', {
        code: 'etape-temporaire',
        labelFr: 'Étape temporaire',
        labelEn: 'Temporary stage',
        position: 3,
      }).expect(201);
      const before = visible(added.body);
      const rowsBefore = await countRows(t, 'stages');

      const response = await deleteStage('transfertcoop', 'etape-temporaire').expect(204);
      expect(response.text).toBe('');

      const after = await stagesOf('transfertcoop');
      expect(codesOf(after)).toEqual(codesOf(before).filter((c) => c !== 'etape-temporaire'));
      expectPositionsOneToN(after);
      expect(await countRows(t, 'stages')).toBe(rowsBefore - 1);
      // The stages after it moved up by one and kept everything else.
      expect(withoutPosition(after.slice(2))).toEqual(withoutPosition(before.slice(3)));

      const again = await deleteStage('transfertcoop', 'etape-temporaire').expect(404);
      expectErrorShape(again.body, 404);
    });

    it('deletes an unused default stage and closes up the positions', async () => {
      const before = await stagesOf('parcours-transfertcoop');
      expect(codesOf(before)).toContain('formation');
      await deleteStage('parcours-transfertcoop', 'formation').expect(204);
      const after = await stagesOf('parcours-transfertcoop');
      expect(codesOf(after)).toEqual(codesOf(before).filter((c) => c !== 'formation'));
      expectPositionsOneToN(after);
    });

    it('refuses with 409 to delete a stage an enrollment sits in or that history mentions', async () => {
      const project = await createProject(t, coordinator, { programCode: 'demarrage' });
      expect(project.enrollments).toHaveLength(1);
      expect(project.enrollments[0]).toMatchObject({ programCode: 'demarrage', stage: { code: 'premier-contact' } });
      const before = await stagesOf('demarrage');
      const rowsBefore = await countRows(t, 'stages');

      const sitting = await deleteStage('demarrage', 'premier-contact').expect(409);
      expectErrorShape(sitting.body, 409);
      expect(sitting.body.message).toMatch(/premier-contact/);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
      expect(await stagesOf('demarrage')).toEqual(before);

      const moved = await t
        .http()
        .post(`/projects/${project.id}/transitions`)
        .set(bearer(coordinator))
        .send({ to: 'accompagnement' })
        .expect(201);
      expect(moved.body.enrollment).toMatchObject({ stage: { code: 'accompagnement' } });

      // No enrollment sits in premier-contact any more, but the history says the project was there.
      const mentioned = await deleteStage('demarrage', 'premier-contact').expect(409);
      expectErrorShape(mentioned.body, 409);
      expect(mentioned.body.message).toMatch(/premier-contact/);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
      expect(await stagesOf('demarrage')).toEqual(before);

      // The stage it sits in now is refused too.
      const current = await deleteStage('demarrage', 'accompagnement').expect(409);
      expectErrorShape(current.body, 409);
      expect(await stagesOf('demarrage')).toEqual(before);

      // The project still reads as it did.
      const read = await t.http().get(`/projects/${project.id}`).set(bearer(coordinator)).expect(200);
      expect(read.body.enrollments[0]).toMatchObject({ stage: { code: 'accompagnement', position: 2 } });
    });

    it('answers 404 when changing a stage of an unknown program or deleting an unknown stage', async () => {
      const rowsBefore = await countRows(t, 'stages');
      expectErrorShape((await deleteStage('parcours-inconnu', 'formation').expect(404)).body, 404);
      expectErrorShape((await deleteStage('demarrage', 'exploration').expect(404)).body, 404);
      expectErrorShape(
        (await patchStage('parcours-inconnu', 'formation', { labelFr: 'Formation' }).expect(404)).body,
        404,
      );
      expectErrorShape((await reorder('parcours-inconnu', ['formation']).expect(404)).body, 404);
      expect(await countRows(t, 'stages')).toBe(rowsBefore);
    });

    it.each(['coordinator', 'advisor', 'viewer'] as const)(
      'refuses every stage change to a %s with 403 and changes nothing',
      async (role) => {
        const token = await t.tokenFor(role);
        const before = await stagesOf('transfertcoop');
        const rowsBefore = await countRows(t, 'stages');
        const codes = codesOf(before);

        const responses = [
          await addStage('transfertcoop', { code: `etape-${role}`, labelFr: 'Étape', labelEn: 'Stage' }, token),
          await addStage(
            'transfertcoop',
            { code: `etape-${role}`, labelFr: 'Étape', labelEn: 'Stage', position: 1 },
            token,
          ),
          await patchStage('transfertcoop', 'exploration', { labelFr: 'Exploration initiale' }, token),
          await reorder('transfertcoop', [...codes].reverse(), token),
          await deleteStage('transfertcoop', 'en-activite', token),
        ];
        for (const response of responses) {
          expect(response.status).toBe(403);
          expectErrorShape(response.body, 403);
        }
        expect(await countRows(t, 'stages')).toBe(rowsBefore);
        expect(await stagesOf('transfertcoop')).toEqual(before);
      },
    );

    it('keeps every program numbered 1..n after all these changes', async () => {
      const response = await t.http().get('/programs').set(bearer(viewer)).expect(200);
      expect(response.body).toHaveLength(4);
      for (const program of response.body as { code: string; stages: StageBody[] }[]) {
        expectPositionsOneToN(program.stages);
        expect(new Set(codesOf(program.stages)).size).toBe(program.stages.length);
        expect(visible(program.stages)).toEqual(visible(await stagesOf(program.code)));
      }
    });
  });
});
