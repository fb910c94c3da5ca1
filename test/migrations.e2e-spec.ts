import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { AppDataSource } from '../src/database/app-data-source.js';
import { dialectOf } from '../src/database/dialect.js';
import { buildDataSourceOptions } from '../src/database/data-source-options.js';
import { migrate } from '../src/database/migrate.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { Contact } from '../src/projects/contact.entity.js';
import { Project } from '../src/projects/project.entity.js';
import { User } from '../src/users/user.entity.js';
import { freshDatabase } from './support/fresh-database.js';

/**
 * The schema the migrations build is the one the entities declare: TypeORM, comparing them,
 * finds nothing to change. An entity changed without its migration (or the reverse) fails here,
 * with the SQL TypeORM would run to close the gap.
 */
async function expectNoSchemaChanges(dataSource: DataSource) {
  const pending = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => `  ${q.query};`);
  if (pending.length > 0)
    throw new Error(
      `The entities and the migrations disagree: TypeORM would still run\n${pending.join('\n')}\n` +
        'Declare on the entity what the migrations made (lengths, defaults, @Index with its name and `where`, ' +
        '@ForeignKey, @Unique), or write a new migration for what the entity now declares.',
    );
}

/** The tables of the service's own schema (or SQLite file), but for SQLite's own bookkeeping. */
async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    dialectOf(dataSource) === 'postgres'
      ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return rows.map((row) => row.name).sort();
}

describe('migrations', () => {
  const database = freshDatabase();
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'test', ...database.env });
    dataSource = await new AppDataSource(buildDataSourceOptions(config.database)).initialize();
    await migrate(dataSource);
  });

  afterAll(async () => {
    if (!dataSource?.isInitialized) return;
    await database.drop(dataSource);
    await dataSource.destroy();
    database.removeFiles();
  });

  it('build the schema the entities declare', async () => {
    await expectNoSchemaChanges(dataSource);
  });

  it('each undo in turn down to an empty database, then all run again to the same schema', async () => {
    for (let left = MIGRATIONS.length; left > 0; left--) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await dataSource.showMigrations()).toBe(true);
    }
    expect(await tableNames(dataSource)).toEqual(['migrations']);

    await migrate(dataSource);
    expect(await dataSource.showMigrations()).toBe(false);
    await expectNoSchemaChanges(dataSource);
  });

  it('keep the rows already there when the last one is undone and run again', async () => {
    const user = await dataSource.getRepository(User).save({
      email: 'keep@test.example',
      name: 'Keep',
      role: 'advisor',
      passwordHash: 'x',
    });
    const project = await dataSource.getRepository(Project).save({
      name: 'Coop kept',
      searchName: 'coop kept',
      sector: 'food',
      kind: 'startup',
      coopType: 'worker',
      region: '06',
      entrepreneurCount: 3,
      advisorId: user.id,
      lastActivityAt: new Date(),
    });
    await dataSource.getRepository(Contact).save({ projectId: project.id, name: 'Ana', email: 'ana@test.example' });

    await dataSource.undoLastMigration({ transaction: 'each' });
    await migrate(dataSource);

    // On SQLite the last migration rebuilds `projects`: the contacts that point at it must survive.
    expect(await dataSource.getRepository(Contact).countBy({ projectId: project.id })).toBe(1);
    expect(await dataSource.getRepository(Project).countBy({ advisorId: user.id })).toBe(1);
    await expectNoSchemaChanges(dataSource);
  });
});
