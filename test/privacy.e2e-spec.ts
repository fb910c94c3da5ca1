import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Clock } from '../src/common/clock.js';
import { download, readCsv } from './support/exports.js';
import { countRows, createCohort, createProject } from './support/fixtures.js';
import { startSmtpSink } from './support/smtp.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// Personal information requests (Law 25): everything held about a person, then forgetting them.

const NAME = 'Gabrielle Lévesque-Nadeau';
const EMAIL = 'gabrielle.levesque@exemple.test';
const ASKED_AS = 'Gabrielle.Levesque@Exemple.TEST';
const OTHER = { name: 'Olivier Gagnon', email: 'olivier@exemple.test' };

const at = (localDateTime: string) => DateTime.fromISO(localDateTime, { zone: 'America/Toronto' }).toJSDate();

interface Row {
  [column: string]: unknown;
}

describe('personal information requests', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  let adminId: number;
  let cohortId: number;
  let inCohort: { id: number; name: string };
  let accompanied: { id: number; name: string };
  let figuresBefore: Record<string, unknown>;

  /** Every text column of every table, read from the database's own catalogue. */
  const textColumns = async (): Promise<{ table: string; column: string }[]> => {
    if (t.dataSource.options.type === 'postgres') {
      const rows: { table_name: string; column_name: string }[] = await t.dataSource.query(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
           JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
          WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
            AND c.data_type IN ('text', 'character varying', 'character')`,
      );
      return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
    }
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    const columns: { table: string; column: string }[] = [];
    for (const { name } of tables) {
      const info: { name: string; type: string }[] = await t.dataSource.query(`PRAGMA table_info("${name}")`);
      for (const column of info) {
        if (/char|text|clob|^$/i.test(column.type)) columns.push({ table: name, column: column.name });
      }
    }
    return columns;
  };

  /** Where a text appears, in any case, in any text column of any table: `table.column` each. */
  const whereInDatabase = async (needle: string): Promise<string[]> => {
    const found: string[] = [];
    const placeholder = t.dataSource.options.type === 'postgres' ? '$1' : '?';
    for (const { table, column } of await textColumns()) {
      const rows: Row[] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM "${table}" WHERE LOWER(CAST("${column}" AS TEXT)) LIKE ${placeholder}`,
        [`%${needle.toLowerCase()}%`],
      );
      if (Number(rows[0].n) > 0) found.push(`${table}.${column}`);
    }
    return found;
  };

  const outboxFiles = () => {
    const dir = t.config.mail.outboxDir;
    return existsSync(dir) ? readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')) : [];
  };
  const cohortCsv = async () => {
    const file = await download(t, admin, `/cohorts/${cohortId}/export?format=csv&includeContacts=true`);
    expect(file.status).toBe(200);
    return file.bytes.toString('utf8');
  };
  /** The cohort's figures, computed now; `pending` only says whether a recompute is still queued. */
  const stats = async () => {
    const { pending: _pending, ...figures } = (
      await t.http().get(`/cohorts/${cohortId}/stats?fresh=true`).set(bearer(admin)).expect(200)
    ).body;
    return figures;
  };
  const person = (email: string) =>
    t
      .http()
      .get(`/privacy/people?email=${encodeURIComponent(email)}`)
      .set(bearer(admin));
  const privacyRequests = (): Promise<Row[]> => t.dataSource.query('SELECT * FROM privacy_requests ORDER BY id');

  beforeAll(async () => {
    t = await startTestApp();
    let now = at('2026-01-10T10:00');
    t.app.get(Clock).now = () => now;
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    adminId = await t.userIdFor('admin');

    cohortId = (await createCohort(t, coordinator, { startsOn: '2025-10-01', endsOn: '2026-03-31' })).id;
    inCohort = await createProject(t, coordinator, {
      name: 'Coop Vélo Solidaire',
      programCode: 'parcours-coop',
      cohortId,
      contacts: [
        { name: NAME, email: ASKED_AS, language: 'fr' },
        { ...OTHER, language: 'fr' },
      ],
    });
    accompanied = await createProject(t, coordinator, { name: 'Coop Atelier Partagé' });
    await t
      .http()
      .post(`/projects/${accompanied.id}/contacts`)
      .set(bearer(coordinator))
      .send({ name: NAME, email: EMAIL, consentPurpose: 'Suivi du projet', consentOn: '2026-01-05' })
      .expect(201);
    await t
      .http()
      .post(`/projects/${inCohort.id}/transitions`)
      .set(bearer(coordinator))
      .send({ to: 'formation' })
      .expect(201);

    // Thirty days after the cohort ends, each contact of the team is asked for news: an e-mail each,
    // written to the outbox folder.
    now = at('2026-04-30T09:00');
    await t.http().post('/admin/schedules/cohort-check-ins/run').set(bearer(admin)).expect(201);
    await until(async () => {
      const sent = (await t.http().get('/notifications?kind=check_in').set(bearer(admin)).expect(200)).body.items;
      return sent.length === 2 && sent.every((n: { status: string }) => n.status === 'sent');
    });
    expect(outboxFiles().filter((file) => file.includes(EMAIL))).toHaveLength(1);

    expect(await cohortCsv()).toContain(EMAIL);
    figuresBefore = await stats();
  });
  afterAll(() => t.close());

  it('records a contact’s consent, its purpose and its date', async () => {
    const project = (await t.http().get(`/projects/${accompanied.id}`).set(bearer(coordinator)).expect(200)).body;
    expect(project.contacts).toEqual([
      expect.objectContaining({ email: EMAIL, consentPurpose: 'Suivi du projet', consentOn: '2026-01-05' }),
    ]);
    const [plain] = (await t.http().get(`/projects/${inCohort.id}`).set(bearer(coordinator)).expect(200)).body.contacts;
    expect(plain).toMatchObject({ consentPurpose: null, consentOn: null });
    await t
      .http()
      .post(`/projects/${accompanied.id}/contacts`)
      .set(bearer(coordinator))
      .send({ name: 'X', email: 'x@exemple.test', consentOn: '2026-02-30' })
      .expect(400);
  });

  it('lists everything held about the person, found by their e-mail in any case', async () => {
    const { body } = await person(ASKED_AS).expect(200);
    expect(body.contacts).toEqual([
      expect.objectContaining({ name: NAME, email: EMAIL, project: { id: inCohort.id, name: inCohort.name } }),
      expect.objectContaining({
        name: NAME,
        email: EMAIL,
        consentPurpose: 'Suivi du projet',
        project: { id: accompanied.id, name: accompanied.name },
      }),
    ]);
    expect(body.emails).toEqual([
      expect.objectContaining({
        kind: 'check_in',
        subject: `Des nouvelles de ${inCohort.name} ?`,
        status: 'sent',
        sentAt: expect.any(String),
      }),
    ]);
    expect(body.exports).toEqual([
      expect.objectContaining({ cohortId, format: 'csv', takenBy: { id: adminId, name: expect.any(String) } }),
    ]);
    // What the audit trail holds of those contact rows: their creation, with the person's details.
    expect(
      body.changes.map((c: { entity: string; action: string; after: { email: string } }) => [
        c.entity,
        c.action,
        c.after.email,
      ]),
    ).toEqual([
      ['contact', 'create', EMAIL],
      ['contact', 'create', EMAIL],
    ]);
    expect(body.account).toBeNull();
    // The request is recorded: who asked and how much it found.
    const [access] = (await privacyRequests()).slice(-1);
    expect([access.kind, Number(access.user_id), Number(access.contacts), Number(access.emails)]).toEqual([
      'access',
      adminId,
      2,
      1,
    ]);

    const coordinatorEmail = (await t.http().get('/users/me').set(bearer(coordinator)).expect(200)).body.email;
    const withAccount = (await person(coordinatorEmail).expect(200)).body;
    expect(withAccount.account).toMatchObject({ role: 'coordinator', active: true });
    expect(withAccount.account).not.toHaveProperty('passwordHash');
  });

  it('refuses anyone but an admin, and a malformed or missing e-mail, writing nothing', async () => {
    const requests = (await privacyRequests()).length;
    const contacts = await countRows(t, 'contacts');

    const refused = await t.http().post('/privacy/people/erase').set(bearer(coordinator)).send({ email: EMAIL });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 403);
    await t.http().get(`/privacy/people?email=${EMAIL}`).set(bearer(coordinator)).expect(403);

    for (const email of ['not-an-email', '', 'gabrielle@', `${'a'.repeat(250)}@exemple.test`]) {
      const malformed = await t.http().post('/privacy/people/erase').set(bearer(admin)).send({ email });
      expect(malformed.status).toBe(400);
      expectErrorShape(malformed.body, 400);
    }
    await t.http().post('/privacy/people/erase').set(bearer(admin)).send({}).expect(400);
    await t.http().get('/privacy/people').set(bearer(admin)).expect(400);
    await t.http().get('/privacy/people?email=nobody').set(bearer(admin)).expect(400);

    expect((await privacyRequests()).length).toBe(requests);
    expect(await countRows(t, 'contacts')).toBe(contacts);
    expect(await whereInDatabase(EMAIL)).not.toEqual([]);
  });

  it('refuses to erase the e-mail of an account (it is its login): it is deactivated or renamed first', async () => {
    const requests = (await privacyRequests()).length;
    const coordinatorEmail = (await t.http().get('/users/me').set(bearer(coordinator)).expect(200)).body.email;
    const response = await t
      .http()
      .post('/privacy/people/erase')
      .set(bearer(admin))
      .send({ email: coordinatorEmail.toUpperCase() })
      .expect(409);
    expectErrorShape(response.body, 409);
    expect(response.body.message).toContain('deactivate');
    expect((await privacyRequests()).length).toBe(requests);
  });

  it('erases the person everywhere and keeps the figures and everyone else', async () => {
    const erased = await t
      .http()
      .post('/privacy/people/erase')
      .set(bearer(admin))
      .send({ email: ASKED_AS })
      .expect(200);
    expect(erased.body).toEqual({ contacts: 2, emails: 1, outboxFiles: 1 });

    // No trace of their address or name in any text column of any table.
    expect(await whereInDatabase(EMAIL)).toEqual([]);
    expect(await whereInDatabase(NAME)).toEqual([]);
    expect(await whereInDatabase('Gabrielle')).toEqual([]);

    const csv = await cohortCsv();
    expect(csv).not.toContain(EMAIL);
    expect(csv).not.toContain('Gabrielle');
    expect(csv).toContain(OTHER.email);
    expect(readCsv(Buffer.from(csv)).length).toBeGreaterThan(1);

    const record = JSON.stringify(
      (await t.http().get('/notifications?pageSize=100').set(bearer(admin)).expect(200)).body,
    ).toLowerCase();
    expect(record).not.toContain(EMAIL);
    expect(record).not.toContain('gabrielle');
    expect(record).toContain(OTHER.email);

    const files = outboxFiles();
    expect(files.some((file) => file.toLowerCase().includes('gabrielle'))).toBe(false);
    expect(files.filter((file) => file.includes(OTHER.email))).toHaveLength(1);

    expect((await person(EMAIL).expect(200)).body).toEqual({
      contacts: [],
      emails: [],
      exports: [],
      changes: [],
      account: null,
    });
    expect((await t.http().get(`/projects/${accompanied.id}`).set(bearer(admin)).expect(200)).body.contacts).toEqual(
      [],
    );
    expect(await stats()).toEqual(figuresBefore);

    // Each request is recorded, who asked and what it touched, without the address: this test's two.
    const requests = (await privacyRequests()).slice(-2);
    expect(requests.every((r) => Object.keys(r).every((column) => !/mail_hash|^email$/.test(column)))).toBe(true);
    expect(
      requests.map((r) => [r.kind, Number(r.user_id), Number(r.contacts), Number(r.emails), Number(r.outbox_files)]),
    ).toEqual([
      ['erasure', adminId, 2, 1, 1],
      ['access', adminId, 0, 0, 0],
    ]);

    // Nothing left to erase: a second erasure finds nothing and says so.
    const again = await t.http().post('/privacy/people/erase').set(bearer(admin)).send({ email: EMAIL }).expect(200);
    expect(again.body).toEqual({ contacts: 0, emails: 0, outboxFiles: 0 });
  });
});

describe('the mail sender', () => {
  it('keeps and logs a refusal without the address the server names in it', async () => {
    const lines: string[] = [];
    const smtp = await startSmtpSink();
    smtp.refuse(true);
    const t = await startTestApp(
      { SMTP_URL: smtp.url, MAIL_ATTEMPTS: '2', MAIL_RETRY_DELAY_MS: '50', LOG_LEVEL: 'info' },
      { logStream: { write: (chunk: string) => void lines.push(chunk) } },
    );
    try {
      let now = at('2026-01-10T10:00');
      t.app.get(Clock).now = () => now;
      const admin = await t.tokenFor('admin');
      const cohort = await createCohort(t, admin, { startsOn: '2025-10-01', endsOn: '2026-03-31' });
      await createProject(t, admin, {
        programCode: 'parcours-coop',
        cohortId: cohort.id,
        contacts: [{ name: NAME, email: EMAIL }],
      });
      now = at('2026-04-30T09:00');
      await t.http().post('/admin/schedules/cohort-check-ins/run').set(bearer(admin)).expect(201);
      const failed = await until(async () => {
        const items = (await t.http().get('/notifications?status=failed').set(bearer(admin)).expect(200)).body.items;
        return items.length === 1 ? items[0] : undefined;
      });
      expect(smtp.offered.map((offer) => offer.to)).toEqual([[EMAIL], [EMAIL]]);
      expect(failed.lastError).toContain('<address>');
      expect(failed.lastError).not.toContain(EMAIL);
      const log = await until(async () => {
        const text = lines.join('');
        return text.includes(`record ${failed.id}`) ? text : undefined;
      });
      expect(log.toLowerCase()).not.toContain(EMAIL);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
