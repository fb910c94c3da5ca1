import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { createCohort, createProject } from './support/fixtures.js';

const PUBLIC_URL = 'https://suivi.federation.example';
const HOST = 'suivi.federation.example';

type Line = Record<string, unknown> & { msg?: string };

interface FeedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
}

describe('calendar feeds', () => {
  let t: TestApp;
  let coordinator: string;
  const lines: Line[] = [];
  const stream = {
    write(chunk: string) {
      for (const text of chunk.split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
    },
  };

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info', PUBLIC_URL: `${PUBLIC_URL}/` }, { logStream: stream });
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  /** Makes the user's address and answers it, and the path to read it by. */
  async function makeFeed(token: string) {
    const response = await t.http().post('/users/me/calendar').set(bearer(token)).expect(201);
    const url = response.body.url as string;
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    return { url, path: new URL(url).pathname, token: /([^/]+)\.ics$/.exec(url)![1] };
  }

  /** Reads a feed as a calendar application does, through a real iCalendar parser. */
  async function readFeed(path: string) {
    const response = await t.http().get(path).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.text;
    // CRLF line ends, every line at most 75 octets once folded.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events: FeedEvent[] = calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        start: event.startDate.toString(),
        end: event.endDate.toString(),
        allDay: event.startDate.isDate && event.endDate.isDate,
      };
    });
    return { text, calendar, events };
  }

  async function advisorWithProjectInCohort(key: string) {
    const advisor = await t.tokenFor('advisor', key);
    const advisorId = await t.userIdFor('advisor', key);
    const cohort = await createCohort(t, coordinator, { startsOn: '2026-04-08', endsOn: '2026-09-09' });
    const project = await createProject(t, coordinator, {
      name: `Coopérative L'Étincelle ${key}`,
      programCode: 'parcours-coop',
      cohortId: cohort.id,
      advisorId,
    });
    return { advisor, advisorId, cohort, project };
  }

  async function task(token: string, projectId: number, body: Record<string, unknown>) {
    const response = await t.http().post(`/projects/${projectId}/follow-ups`).set(bearer(token)).send(body).expect(201);
    return response.body as { id: number };
  }

  it("holds the advisor's open tasks on their due dates and the start and end of their cohorts, and nothing else", async () => {
    const { advisor, advisorId, cohort, project } = await advisorWithProjectInCohort('advisor-fr');
    const other = await advisorWithProjectInCohort('advisor-other');

    const tricky = 'Appeler la caisse, puis l’équipe; voir le prêt\nDeuxième ligne \\ fin';
    const open = await task(advisor, project.id, { dueOn: '2026-12-01', note: tricky });
    const earlier = await task(advisor, project.id, { dueOn: '2026-11-30', note: 'Relancer le cédant' });
    const done = await task(advisor, project.id, { dueOn: '2026-11-20', note: 'Déjà fait' });
    await t.http().patch(`/follow-ups/${done.id}`).set(bearer(advisor)).send({ done: true }).expect(200);
    // The same project, someone else's task; and another advisor's own project and task.
    await task(coordinator, project.id, { dueOn: '2026-12-02', note: 'Pour une autre', assigneeId: other.advisorId });
    await task(other.advisor, other.project.id, { dueOn: '2026-12-03', note: "Tâche de l'autre" });

    // A cohort in which the advisor's only project abandoned: not in the calendar.
    const left = await createCohort(t, coordinator, { startsOn: '2026-05-01', endsOn: '2026-10-01' });
    const leftProject = await createProject(t, coordinator, {
      programCode: 'parcours-coop',
      cohortId: left.id,
      advisorId,
    });
    await t
      .http()
      .post(`/projects/${leftProject.id}/transitions`)
      .set(bearer(coordinator))
      .send({ to: 'abandoned', reason: "L'équipe s'est séparée" })
      .expect(201);

    const { path } = await makeFeed(advisor);
    const { calendar, events } = await readFeed(path);

    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('prodid')).toEqual(expect.any(String));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Suivi des coopératives — Test advisor-fr');

    const byUid = new Map(events.map((event) => [event.uid, event]));
    expect([...byUid.keys()].sort()).toEqual(
      [
        `follow-up-${open.id}@${HOST}`,
        `follow-up-${earlier.id}@${HOST}`,
        `cohort-${cohort.id}-start@${HOST}`,
        `cohort-${cohort.id}-end@${HOST}`,
      ].sort(),
    );
    expect(events.every((event) => event.allDay)).toBe(true);

    const openEvent = byUid.get(`follow-up-${open.id}@${HOST}`)!;
    expect(openEvent).toMatchObject({ start: '2026-12-01', end: '2026-12-02' });
    expect(openEvent.summary).toBe(`Appeler la caisse, puis l’équipe; voir le prêt — ${project.name}`);
    // The note read back whole: comma, semicolon, line break, backslash and accents.
    expect(openEvent.description).toContain(tricky);
    expect(openEvent.description).toContain(`${PUBLIC_URL}/projects/${project.id}`);
    expect(byUid.get(`follow-up-${earlier.id}@${HOST}`)).toMatchObject({
      start: '2026-11-30',
      end: '2026-12-01',
      summary: `Relancer le cédant — Coopérative L'Étincelle advisor-fr`,
    });

    expect(byUid.get(`cohort-${cohort.id}-start@${HOST}`)).toMatchObject({
      start: '2026-04-08',
      end: '2026-04-09',
      summary: `Début de la cohorte ${cohort.number} — Parcours COOP`,
    });
    const end = byUid.get(`cohort-${cohort.id}-end@${HOST}`)!;
    expect(end).toMatchObject({
      start: '2026-09-09',
      end: '2026-09-10',
      summary: `Fin de la cohorte ${cohort.number} — Parcours COOP`,
    });
    expect(end.description).toContain(project.name);

    // Done since: gone at the next reading, as a calendar application reads it again.
    await t.http().patch(`/follow-ups/${open.id}`).set(bearer(advisor)).send({ done: true }).expect(200);
    const again = await readFeed(path);
    expect(again.events.map((event) => event.uid)).not.toContain(`follow-up-${open.id}@${HOST}`);
  });

  it("speaks the user's language", async () => {
    const { advisor, cohort } = await advisorWithProjectInCohort('advisor-en');
    await t.http().patch('/users/me').set(bearer(advisor)).send({ language: 'en' }).expect(200);
    const { calendar, events } = await readFeed((await makeFeed(advisor)).path);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Co-op follow-ups — Test advisor-en');
    expect(events.map((event) => event.summary).sort()).toEqual([
      `End of cohort ${cohort.number} — Parcours COOP (co-op start-up training)`,
      `Start of cohort ${cohort.number} — Parcours COOP (co-op start-up training)`,
    ]);
  });

  it('keeps only the hash of the token, and a new address replaces the one before', async () => {
    const viewer = await t.tokenFor('viewer');
    const viewerId = await t.userIdFor('viewer');
    const first = await makeFeed(viewer);
    // Nothing to show a viewer, yet a calendar all the same.
    expect((await readFeed(first.path)).events).toEqual([]);

    const rows: { user_id: number; token_hash: string }[] = await t.dataSource.query(
      'SELECT * FROM calendar_feeds WHERE user_id = ' + viewerId,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(first.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(first.token);

    const second = await makeFeed(viewer);
    expect(second.token).not.toBe(first.token);
    expectErrorShape((await t.http().get(first.path).expect(404)).body, 404);
    await readFeed(second.path);
  });

  it('answers 404 once the address is revoked, and revoking again is no error', async () => {
    const advisor = await t.tokenFor('advisor', 'advisor-revoke');
    const { path } = await makeFeed(advisor);
    await readFeed(path);
    await t.http().delete('/users/me/calendar').set(bearer(advisor)).expect(204);
    const response = await t.http().get(path).expect(404);
    expectErrorShape(response.body, 404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    await t.http().delete('/users/me/calendar').set(bearer(advisor)).expect(204);
  });

  it("answers 404 for a deactivated user's address", async () => {
    const advisor = await t.tokenFor('advisor', 'advisor-leaving');
    const advisorId = await t.userIdFor('advisor', 'advisor-leaving');
    const { path } = await makeFeed(advisor);
    await readFeed(path);
    await t
      .http()
      .patch(`/users/${advisorId}`)
      .set(bearer(await t.tokenFor('admin')))
      .send({ active: false })
      .expect(200);
    expectErrorShape((await t.http().get(path).expect(404)).body, 404);
  });

  it('needs a token to make or revoke an address, and none to read one', async () => {
    await t.http().post('/users/me/calendar').expect(401);
    await t.http().delete('/users/me/calendar').expect(401);
    for (const path of [
      '/calendar/not-a-token.ics',
      `/calendar/${'A'.repeat(43)}.ics`,
      `/calendar/${'A'.repeat(43)}`,
      '/calendar/.ics',
    ]) {
      const response = await t.http().get(path).expect(404);
      expectErrorShape(response.body, 404);
    }
  });

  it('writes no token in any log line: the access line names the route', async () => {
    const advisor = await t.tokenFor('advisor', 'advisor-logged');
    const { path, token } = await makeFeed(advisor);
    await t.http().get(path).set('X-Request-Id', 'calendar-read').expect(200);
    await t.http().delete('/users/me/calendar').set(bearer(advisor)).expect(204);
    await t.http().get(path).set('X-Request-Id', 'calendar-gone').expect(404);
    await t.http().get('/calendar/not-a-token.ics').set('X-Request-Id', 'calendar-unknown').expect(404);

    const accessLine = async (requestId: string) => {
      for (let waited = 0; waited < 3000; waited += 20) {
        const found = lines.find((line) => line.msg === 'request' && line.requestId === requestId);
        if (found) return found;
        await new Promise((done) => setTimeout(done, 20));
      }
      throw new Error(`no access line for ${requestId}`);
    };
    expect(await accessLine('calendar-read')).toMatchObject({ route: '/calendar/:file', status: 200 });
    expect(await accessLine('calendar-gone')).toMatchObject({ route: '/calendar/:file', status: 404 });
    expect(await accessLine('calendar-unknown')).toMatchObject({ route: '/calendar/:file', status: 404 });
    expect(lines.some((line) => line.context === 'CalendarFeeds')).toBe(true);
    const written = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(written).not.toContain(token);
    expect(written).not.toContain('not-a-token');
  });
});
