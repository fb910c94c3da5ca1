import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { namedQuery } from '../database/named-query.js';
import { FigureFailure } from './figure-failure.entity.js';
import { messageOf } from '../common/error-message.js';

/** Long enough to read a stack-free error; a row never holds a runaway message. */
const MAX_ERROR_LENGTH = 1_000;

// Written once for both databases: the first failure starts the record, the next ones count.
const RECORD_SQL = `
  INSERT INTO figure_failures (scope, error, failing_since, last_failed_at, attempts, failed_generation)
  VALUES (:scope, :error, :failingSince, :lastFailedAt, 1, :failedGeneration)
  ON CONFLICT (scope) DO UPDATE SET
    error = excluded.error,
    last_failed_at = excluded.last_failed_at,
    attempts = figure_failures.attempts + 1,
    failed_generation = excluded.failed_generation`;

export interface ScopeFailure {
  scope: string;
  error: unknown;
  /** The scope's generation the failed computation read. */
  generation: number;
  /** No retry follows: the scope waits for a newer change (or the nightly full recompute). */
  final: boolean;
}

/**
 * The record of figure scopes whose recompute fails (`figure_failures`): written where the
 * failure happens, shown by GET /health, read by the relay, and cleared by the next recompute of
 * the scope that succeeds.
 */
@Injectable()
export class FigureFailures {
  private readonly logger = new Logger('Figures');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(failures: ScopeFailure[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    const now = this.clock.now();
    for (const { scope, error, generation, final } of failures) {
      const message = storedMessageOf(error);
      await namedQuery(manager, RECORD_SQL, {
        scope,
        error: message,
        failingSince: now,
        lastFailedAt: now,
        failedGeneration: final ? generation : null,
      });
      if (final) this.logger.warn(`No figures for ${scope} until it changes again: ${message}`);
    }
  }

  /** Forgets the failures of scopes that have just computed. */
  async clear(manager: EntityManager, scopes: Iterable<string>): Promise<void> {
    const computed = new Set(scopes);
    if (computed.size === 0) return;
    // Failing scopes are few: read them rather than send every computed scope to the database.
    const failing = (await manager.find(FigureFailure, { select: { scope: true } }))
      .map((failure) => failure.scope)
      .filter((scope) => computed.has(scope));
    if (failing.length) await manager.delete(FigureFailure, { scope: In(failing) });
  }
}

const storedMessageOf = (error: unknown) => messageOf(error).slice(0, MAX_ERROR_LENGTH) || 'no message';
