import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { SignInLimiter } from '../auth/sign-in-limits/sign-in-limiter.js';
import { Clock } from '../common/clock.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';
import { QUEUES } from '../queue/queue.constants.js';
import { queueNamed } from '../queue/queue.tokens.js';
import { withTimeout } from '../queue/redis-connection.js';
import { messageOf } from '../common/error-message.js';
import { FiguresHealthResponse, OutboxHealthResponse } from './dto/figures-health.response.js';
import { HealthCheckFailedResponse } from './dto/health-check-failed.response.js';
import {
  DatabaseHealthResponse,
  HEALTH_EXTRA_MODELS,
  HealthResponse,
  MailHealthResponse,
  QueueCountsResponse,
  RedisHealthResponse,
} from './dto/health.response.js';

const CHECK_TIMEOUT_MS = 1_000;
/** Enough to see what fails; the counts say how many there are in all. */
const MAX_FAILURES_LISTED = 50;

interface FailureRow {
  scope: string;
  error: string;
  failing_since: unknown;
  last_failed_at: unknown;
  attempts: number | string;
  retrying: number | string;
}

/**
 * GET /health. 503 when the database is down: nothing works without it. When only Redis is down
 * the status is "degraded" with 200, because advisors can still work: moves are recorded and their
 * figures wait in the database (outbox) until Redis is back, and sign-in limits are counted in
 * each process's memory (signInLimits.store). It is "degraded" too while the figures of some scope
 * have failed for good: every other figure is current, that one is not.
 */
@ApiTags('health')
@ApiExtraModels(...HEALTH_EXTRA_MODELS)
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
    private readonly signInLimiter: SignInLimiter,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'The state of the service and what it depends on',
    description:
      'For people: the database, Redis, the queues, figure work waiting or failing, e-mail waiting or failed, ' +
      'and where sign-in attempts are counted. `degraded` (still 200) while Redis is away or the figures of a ' +
      'scope have failed for good. A part whose check itself fails shows `{error}` in its place.',
  })
  @ApiOkResponse({ type: HealthResponse, description: '`ok` or `degraded`' })
  @ApiServiceUnavailableResponse({
    type: HealthResponse,
    description: 'The database does not answer: `down`, in the same shape (not the error shape)',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const [database, redis, outbox, figures, mail] = await Promise.all([
      this.database(),
      this.redis(),
      this.outbox(),
      this.figures(),
      this.mail(),
    ]);
    const queues = redis.status === 'up' ? await this.queues() : null;
    const figuresFailed = !('error' in figures) && figures.failedScopes > 0;
    const status = database.status !== 'up' ? 'down' : redis.status !== 'up' || figuresFailed ? 'degraded' : 'ok';
    void reply.status(database.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, redis, queues, outbox, figures, mail, signInLimits: this.signInLimiter.health() };
  }

  private async database(): Promise<DatabaseHealthResponse> {
    const started = performance.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'The database check');
      return { status: 'up', driver: this.dataSource.options.type, latencyMs: elapsed(started) };
    } catch (error) {
      return { status: 'down', driver: this.dataSource.options.type, error: messageOf(error) };
    }
  }

  private async redis(): Promise<RedisHealthResponse> {
    const started = performance.now();
    try {
      await withTimeout(queueNamed(this.moduleRef, QUEUES.figures).client.ping(), CHECK_TIMEOUT_MS, 'The Redis check');
      return { status: 'up', latencyMs: elapsed(started) };
    } catch (error) {
      return { status: 'down', error: messageOf(error) };
    }
  }

  private async queues(): Promise<Record<string, QueueCountsResponse | HealthCheckFailedResponse>> {
    const counts = async (queue: Queue): Promise<QueueCountsResponse | HealthCheckFailedResponse> => {
      try {
        const { waiting, active, failed, delayed } = await withTimeout(
          queue.getJobCounts(),
          CHECK_TIMEOUT_MS,
          'Counting jobs',
        );
        return { waiting, active, failed, delayed };
      } catch (error) {
        return { error: messageOf(error) };
      }
    };
    // Every queue of QUEUES, so a new queue shows here without a change.
    return Object.fromEntries(
      await Promise.all(
        Object.values(QUEUES).map(async (name) => [name, await counts(queueNamed(this.moduleRef, name))] as const),
      ),
    );
  }

  /**
   * Figure work recorded in the database: how much, and how long the oldest has waited to be
   * handed over. A scope whose recompute failed for good is not pending (no job will come for it
   * until it changes again): `figures` lists it.
   */
  private async outbox(): Promise<OutboxHealthResponse | HealthCheckFailedResponse> {
    try {
      const [row] = await namedQuery<{ pending: unknown; not_handed: unknown; oldest: unknown }>(
        this.dataSource.manager,
        `
        SELECT COUNT(*) AS pending,
               SUM(CASE WHEN m.handed_generation IS NULL OR m.handed_generation < m.generation
                        THEN 1 ELSE 0 END) AS not_handed,
               MIN(CASE WHEN m.handed_generation IS NULL OR m.handed_generation < m.generation
                        THEN m.pending_since END) AS oldest
        FROM figure_dirty_marks m
        LEFT JOIN figure_failures f ON f.scope = m.scope
        WHERE m.generation > m.computed_generation
          AND (f.failed_generation IS NULL OR f.failed_generation < m.generation)`,
      );
      const oldest = row.oldest === null ? null : instantFromRow(row.oldest);
      return {
        pendingScopes: Number(row.pending),
        notHandedOver: Number(row.not_handed ?? 0),
        oldestNotHandedOverSeconds: oldest
          ? Math.max(0, Math.round((this.clock.now().getTime() - oldest.getTime()) / 1000))
          : null,
      };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }

  /**
   * Figure scopes whose recompute fails, oldest failure first: `failed` when no retry will come
   * until the scope changes again (someone should look at its data), `retrying` while a job will
   * still try it.
   */
  private async figures(): Promise<FiguresHealthResponse | HealthCheckFailedResponse> {
    try {
      const rows: FailureRow[] = await this.dataSource.query(`
        SELECT f.scope, f.error, f.failing_since, f.last_failed_at, f.attempts,
               CASE WHEN m.generation > m.computed_generation
                     AND (f.failed_generation IS NULL OR f.failed_generation < m.generation)
                    THEN 1 ELSE 0 END AS retrying
        FROM figure_failures f
        LEFT JOIN figure_dirty_marks m ON m.scope = f.scope
        ORDER BY f.failing_since, f.scope`);
      const failures = rows.map((row) => ({
        scope: row.scope,
        status: Number(row.retrying) === 1 ? ('retrying' as const) : ('failed' as const),
        error: row.error,
        failingSince: instantFromRow(row.failing_since),
        lastFailedAt: instantFromRow(row.last_failed_at),
        attempts: Number(row.attempts),
      }));
      const failedScopes = failures.filter((f) => f.status === 'failed').length;
      const retryingScopes = failures.length - failedScopes;
      return { failedScopes, retryingScopes, failures: failures.slice(0, MAX_FAILURES_LISTED) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }

  /** E-mail waiting to go out, and e-mail that failed for good (someone should look: GET /notifications?status=failed). */
  private async mail(): Promise<MailHealthResponse | HealthCheckFailedResponse> {
    try {
      const [row] = await namedQuery<{ pending: unknown; failed: unknown; oldest: unknown }>(
        this.dataSource.manager,
        `
        SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
               SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
               MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest
        FROM notifications WHERE status <> 'sent'`,
      );
      const oldest = row.oldest === null ? null : instantFromRow(row.oldest);
      return {
        pending: Number(row.pending ?? 0),
        failed: Number(row.failed ?? 0),
        oldestPendingSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : null,
      };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
