/**
 * The baseline of the moves: what a move writes, with nothing around the driver. The service's own
 * statements (the same SQL texts, bound the same way, each prepared once), one transaction a move,
 * in a loop: on SQLite one move after another on a connection of its own, as the service's one
 * connection runs them; on PostgreSQL from as many clients at once as the service's load has
 * connections. No HTTP, no token, no rules: the floor under a move.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { reportingYearOrNullOf } from '../../src/common/reporting-year.js';
import { localDateOf } from '../../src/common/time.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { markSql } from '../../src/figures/figure-marks.js';
import { programYearScope } from '../../src/figures/figure-scope.js';
import {
  enrollmentFromRow,
  enrollmentsSql,
  EVERY_STAGE_SQL,
  INSERT_TRANSITION_SQL,
  projectsSql,
  updateEnrollmentsSql,
} from '../../src/projects/move-statements.js';
import { recordActivitySql } from '../../src/projects/projects.service.js';
import { postgresRun, sqliteRun, type Run } from './bare-sql.js';

/** Moves each project to `toStage`, `clients` at a time on PostgreSQL; answers the moves a second. */
export async function bareMoveLoop(options: {
  config: AppConfig;
  dataSource: DataSource;
  projectIds: number[];
  toStage: string;
  actorId: number;
  clients: number;
}): Promise<number> {
  const { config, projectIds } = options;
  const move = (run: Run, projectId: number) => moveOne(run, projectId, options);
  const started = performance.now();
  if (config.database.kind === 'sqlite') {
    const db = new Database(config.database.path);
    db.pragma('busy_timeout = 5000');
    const run = sqliteRun(db);
    try {
      for (const id of projectIds) {
        db.exec('BEGIN');
        await move(run, id);
        db.exec('COMMIT');
      }
    } finally {
      db.close();
    }
  } else {
    const { url, schema } = config.database;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.clients,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    let next = 0;
    const client = async () => {
      const connection = await pool.connect();
      try {
        const run = postgresRun(connection);
        for (let i = next++; i < projectIds.length; i = next++) {
          await connection.query('BEGIN');
          await move(run, projectIds[i]);
          await connection.query('COMMIT');
        }
      } finally {
        connection.release();
      }
    };
    await Promise.all(Array.from({ length: options.clients }, client));
    await pool.end();
  }
  return (projectIds.length / (performance.now() - started)) * 1000;
}

async function moveOne(
  run: Run,
  projectId: number,
  options: { config: AppConfig; dataSource: DataSource; toStage: string; actorId: number },
) {
  const { dataSource, config } = options;
  const lock = config.database.kind === 'postgres' ? ' FOR UPDATE' : '';
  const ids = [projectId];
  await run(`${projectsSql(dataSource)}${lock}`, { ids });
  const [before] = (await run(enrollmentsSql(dataSource), { ids })).map((row) => enrollmentFromRow(row as never));
  await run(EVERY_STAGE_SQL);
  const now = new Date();
  const after = { stageCode: options.toStage, status: before.status, statusReason: null, version: before.version + 1 };
  await run(updateEnrollmentsSql(dataSource), {
    ...after,
    stageEnteredAt: now,
    lastMovedAt: now,
    now,
    ids: [before.id],
    seen: before.version,
  });
  await run(INSERT_TRANSITION_SQL, {
    enrollmentId: before.id,
    projectId,
    programCode: before.programCode,
    kind: 'forward',
    fromStage: before.stageCode,
    toStage: after.stageCode,
    fromStatus: before.status,
    toStatus: after.status,
    occurredAt: now,
    recordedAt: now,
    actorId: options.actorId,
    source: 'manual',
    note: null,
    reason: null,
  });
  await run(recordActivitySql(dataSource), { now, ids });
  // The projects moved here are in no cohort: their one scope is their program's year.
  const year = reportingYearOrNullOf(localDateOf(before.enrolledAt), config.reportingYearStartMonth)!;
  await run(markSql(1), { now, scope0: programYearScope(before.programCode, year.label) });
}
