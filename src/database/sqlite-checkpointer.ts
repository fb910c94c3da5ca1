import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Database from 'better-sqlite3';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** How often the thread copies the log back into the database file. */
const CHECKPOINT_EVERY_MS = 100;
/**
 * Past this many pages in the log (about 40 MB), a commit on the request path checkpoints too, as
 * SQLite does by default at 1,000: the backstop should the thread fall behind or stop.
 */
const BACKSTOP_PAGES = 10_000;
/** The log's file is cut back to this size when SQLite starts it over. */
const LOG_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

// The thread's whole program: its own connection to the same file, and a passive checkpoint on a
// timer, which never waits for and never blocks the service's connection.
const CHECKPOINT_THREAD = `
  const { parentPort, workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  const db = new Database(workerData.file);
  db.pragma('busy_timeout = 0');
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort.postMessage({ error: String(error) });
    }
  }, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
`;

/**
 * On SQLite, copies the write-ahead log back into the database file from a thread of its own.
 *
 * By default SQLite does that copy inside the commit that takes the log past 1,000 pages, on the
 * event loop: every request then waits for thousands of page writes and two file syncs. A move
 * dirties a dozen pages, so that was every hundred moves, and it was half the time of a move.
 * From a thread, the copy runs beside the requests; commits only append to the log.
 */
@Injectable()
export class SqliteCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteCheckpointer.name);
  private worker?: Worker;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const database = this.config.database;
    if (database.kind !== 'sqlite' || database.path === ':memory:') return;
    const connection = (this.dataSource.driver as unknown as { databaseConnection: Database.Database })
      .databaseConnection;
    connection.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    connection.pragma(`journal_size_limit = ${LOG_SIZE_LIMIT_BYTES}`);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(CHECKPOINT_THREAD, {
      eval: true,
      workerData: { driver, file: database.path, everyMs: CHECKPOINT_EVERY_MS },
    });
    // Said once per kind of failure: the thread tries again every 100 ms.
    let lastError = '';
    this.worker.on('message', ({ error }: { error: string }) => {
      if (error !== lastError) this.logger.warn(`Checkpoint failed: ${error}`);
      lastError = error;
    });
    this.worker.on('error', (error) => this.logger.error(`The checkpoint thread stopped: ${String(error)}`));
    this.exited = once(this.worker, 'exit').then(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.worker?.postMessage('stop');
    this.worker = undefined;
    await this.exited;
  }
}
