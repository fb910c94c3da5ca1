import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction.
 *
 * SQLite has one connection and one writer: two transactions interleaved on it would nest or
 * see each other's writes, so on that driver transactions queue behind one another.
 * PostgreSQL runs them side by side; rows are locked where a race matters.
 */
@Injectable()
export class TransactionRunner {
  private queueTail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const result = this.queueTail.then(() => this.dataSource.transaction(work));
    this.queueTail = result.catch(() => undefined);
    return result;
  }
}
