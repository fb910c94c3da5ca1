import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { SignInLimiter } from '../auth/sign-in-limits/sign-in-limiter.js';
import { Clock } from '../common/clock.js';
import { instantFromRow } from '../database/named-query.js';
import { QUEUES } from '../queue/queue.constants.js';
import { queueNamed } from '../queue/queue.tokens.js';
import { withTimeout } from '../queue/redis-connection.js';

const CHECK_TIMEOUT_MS = 1_000;

/**
 * GET /health. 503 when the database is down: nothing works without it. When only Redis is down
 * the status is "degraded" with 200, because advisors can still work: moves are recorded and their
 * figures wait in the database (outbox) until Redis is back, and sign-in limits are counted in
 * each process's memory (signInLimits.store).
 */
@ApiTags('health')
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
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis, outbox, mail] = await Promise.all([this.database(), this.redis(), this.outbox(), this.mail()]);
    const queues = redis.status === 'up' ? await this.queues() : null;
    const status = database.status !== 'up' ? 'down' : redis.status !== 'up' ? 'degraded' : 'ok';
    void reply.status(database.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, redis, queues, outbox, mail, signInLimits: this.signInLimiter.health() };
  }

  private async database() {
    const started = performance.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'The database check');
      return { status: 'up', driver: this.dataSource.options.type, latencyMs: elapsed(started) };
    } catch (error) {
      return { status: 'down', driver: this.dataSource.options.type, error: messageOf(error) };
    }
  }

  private async redis() {
    const started = performance.now();
    try {
      await withTimeout(queueNamed(this.moduleRef, QUEUES.figures).client.ping(), CHECK_TIMEOUT_MS, 'The Redis check');
      return { status: 'up', latencyMs: elapsed(started) };
    } catch (error) {
      return { status: 'down', error: messageOf(error) };
    }
  }

  private async queues() {
    const counts = async (queue: Queue) => {
      try {
        const { waiting, active, failed, delayed } = await withTimeout(queue.getJobCounts(), CHECK_TIMEOUT_MS, 'Counting jobs');
        return { waiting, active, failed, delayed };
      } catch (error) {
        return { error: messageOf(error) };
      }
    };
    // Every queue of QUEUES, so a new queue shows here without a change.
    return Object.fromEntries(await Promise.all(Object.values(QUEUES).map(async (name) => [name, await counts(queueNamed(this.moduleRef, name))] as const)));
  }

  /** Figure work recorded in the database: how much, and how long the oldest has waited to be handed over. */
  private async outbox() {
    try {
      const [row] = await this.dataSource.query(`
        SELECT COUNT(*) AS pending,
               SUM(CASE WHEN handed_generation IS NULL OR handed_generation < generation THEN 1 ELSE 0 END) AS not_handed,
               MIN(CASE WHEN handed_generation IS NULL OR handed_generation < generation THEN pending_since END) AS oldest
        FROM figure_dirty_marks WHERE generation > computed_generation`);
      const oldest = row.oldest === null ? null : instantFromRow(row.oldest);
      return {
        pendingScopes: Number(row.pending),
        notHandedOver: Number(row.not_handed ?? 0),
        oldestNotHandedOverSeconds: oldest ? Math.max(0, Math.round((this.clock.now().getTime() - oldest.getTime()) / 1000)) : null,
      };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }

  /** E-mail waiting to go out, and e-mail that failed for good (someone should look: GET /notifications?status=failed). */
  private async mail() {
    try {
      const [row] = await this.dataSource.query(`
        SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
               SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
               MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest
        FROM notifications WHERE status <> 'sent'`);
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
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
