import { eventually } from './support/until.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

interface ProjectBody {
  id: number;
  contacts: { email: string }[];
}

/**
 * Personal information kept no longer than needed (Law 25): the daily retention erases the contacts
 * of projects whose every enrollment ended more than CONTACT_RETENTION_YEARS ago, and only those.
 */
describe('the contacts retention schedule', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp({ CONTACT_RETENTION_YEARS: '7' });
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  /** A start-up accompaniment project with one contact, enrolled on `enrolledAt`, then moved as told. */
  async function project(
    name: string,
    enrolledAt: string,
    moves: { to: string; occurredAt: string; reason?: string }[] = [],
  ): Promise<number> {
    const created = await t
      .http()
      .post('/projects')
      .set(bearer(coordinator))
      .send({
        name,
        sector: 'services',
        kind: 'startup',
        coopType: 'worker',
        region: '06',
        entrepreneurCount: 2,
        programCode: 'demarrage',
        enrolledAt,
        contacts: [{ name: `Contact de ${name}`, email: `${name.toLowerCase().replace(/\W/g, '')}@exemple.test` }],
      })
      .expect(201);
    for (const move of moves)
      await t.http().post(`/projects/${created.body.id}/transitions`).set(bearer(coordinator)).send(move).expect(201);
    return created.body.id as number;
  }
  const contactsOf = async (id: number) =>
    ((await t.http().get(`/projects/${id}`).set(bearer(coordinator)).expect(200)).body as ProjectBody).contacts.length;
  const retentionRuns = (): Promise<Record<string, unknown>[]> =>
    t.dataSource.query("SELECT * FROM privacy_requests WHERE kind = 'retention' ORDER BY id");

  it('erases the contacts of projects that ended long ago, and keeps every other', async () => {
    const abandonedLongAgo = await project('Abandonné en 2016', '2015-03-01', [
      { to: 'abandoned', occurredAt: '2016-01-10', reason: 'Équipe dispersée' },
    ]);
    const operatingLongAgo = await project('En activité depuis 2017', '2015-03-01', [
      { to: 'en-activite', occurredAt: '2017-05-01' },
    ]);
    const abandonedRecently = await project('Abandonné en 2022', '2021-03-01', [
      { to: 'abandoned', occurredAt: '2022-06-01', reason: 'Financement refusé' },
    ]);
    const stillActive = await project('Actif depuis 2015', '2015-03-01');
    // Two enrollments: one ended long ago, the other not. The project has not ended.
    const halfEnded = await project('À moitié terminé', '2015-03-01', [
      { to: 'abandoned', occurredAt: '2016-01-10', reason: 'Réorienté' },
    ]);
    await t
      .http()
      .post(`/projects/${halfEnded}/enrollments`)
      .set(bearer(coordinator))
      .send({ programCode: 'transfertcoop', enrolledAt: '2016-02-01' })
      .expect(201);
    const before = retentionRuns();

    await t.http().post('/admin/schedules/contact-retention/run').set(bearer(admin)).expect(201);
    const runs = await eventually(async () => {
      const all = await retentionRuns();
      expect(all.length).toBeGreaterThan((await before).length);
      return all;
    });

    expect(await contactsOf(abandonedLongAgo)).toBe(0);
    expect(await contactsOf(operatingLongAgo)).toBe(0);
    expect(await contactsOf(abandonedRecently)).toBe(1);
    expect(await contactsOf(stillActive)).toBe(1);
    expect(await contactsOf(halfEnded)).toBe(1);
    // Recorded, by nobody: the schedule erased two contacts, and no address is kept.
    const [run] = runs.slice(-1);
    expect([run.user_id, Number(run.contacts)]).toEqual([null, 2]);
    // The projects and their history stay.
    const history = await t
      .http()
      .get(`/projects/${abandonedLongAgo}/transitions`)
      .set(bearer(coordinator))
      .expect(200);
    expect(history.body.map((m: { kind: string }) => m.kind)).toEqual(['enrol', 'abandon']);

    // Again: nothing left to erase, and the run says so.
    await t.http().post('/admin/schedules/contact-retention/run').set(bearer(admin)).expect(201);
    const again = await eventually(async () => {
      const all = await retentionRuns();
      expect(all.length).toBe(runs.length + 1);
      return all[all.length - 1];
    });
    expect(Number(again.contacts)).toBe(0);
    expect(await contactsOf(abandonedRecently)).toBe(1);
  });
});
