import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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

  /**
   * Locks the rows a query reads until the transaction ends (SELECT ... FOR UPDATE), so that a
   * check-then-write (a cohort's free places, a program's stage positions) cannot race on PostgreSQL.
   * SQLite needs no lock: its transactions already run one at a time.
   */
  forUpdate<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.isSqlite ? builder : builder.setLock('pessimistic_write');
  }

  /** The same lock for hand-written SQL: the clause to end a SELECT with. */
  get forUpdateClause(): string {
    return this.isSqlite ? '' : ' FOR UPDATE';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const result = this.queueTail.then(() => this.dataSource.transaction(work));
    this.queueTail = result.catch(() => undefined);
    return result;
  }
}
