import { statSync } from 'node:fs';
import { createProject } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { until } from './support/until.js';

// On SQLite, commits only append to the write-ahead log; a thread of the service copies the log
// back into the database file (src/database/sqlite-checkpointer.ts). The service's own connection
// would copy it only past 10,000 pages, which these writes stay far below: the file grows only if
// the thread does its work. PostgreSQL has no such log to tend.
const onSqlite = !process.env.DATABASE_URL?.startsWith('postgres');
const describeOnSqlite = onSqlite ? describe : describe.skip;

describeOnSqlite(
  `SQLite's log copied back by a thread of its own (${onSqlite ? 'running' : 'skipped: PostgreSQL'})`,
  () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('brings what requests wrote into the database file while the requests go on', async () => {
      const file = t.config.database.kind === 'sqlite' ? t.config.database.path : '';
      const token = await t.tokenFor('advisor');
      await until(async () => {
        // The test copies what start-up left in the log itself, so that the file's size starts from there.
        const [{ log, checkpointed }] = await walState(t);
        return log === checkpointed;
      });
      const sizeBefore = statSync(file).size;
      for (let i = 0; i < 60; i++) await createProject(t, token, { name: `Coop ${i}` });
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
      const sizeAfter = await until(async () => statSync(file).size > sizeBefore && statSync(file).size, 5_000);
      expect(sizeAfter).toBeGreaterThan(sizeBefore);
      expect((await t.http().get('/projects?pageSize=100').set('authorization', `Bearer ${token}`)).body.total).toBe(
        60,
      );
    });
  },
);

/** The log's frames, and how many of them are in the database file; copies what is not yet (a passive checkpoint). */
function walState(t: TestApp) {
  return t.dataSource.query<{ busy: number; log: number; checkpointed: number }[]>('PRAGMA wal_checkpoint(PASSIVE)');
}
