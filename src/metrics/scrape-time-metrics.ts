import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { messageOf } from '../common/error-message.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';
import { QUEUES } from '../queue/queue.constants.js';
import { queueNamed } from '../queue/queue.tokens.js';
import { withTimeout } from '../queue/redis-connection.js';
import { METRICS_PREFIX, Metrics } from './metrics.js';

/** A scrape never waits longer than this on Redis or the database: a part that does not answer is left out. */
export const SCRAPE_TIMEOUT_MS = 500;

const JOB_STATES = ['waiting', 'active', 'failed', 'delayed'] as const;
const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;

interface FigureWork {
  pending: number;
  oldestSeconds: number;
}

/**
 * Series read when Prometheus scrapes, from where /health reads them: the job counts of every
 * queue in Redis, the figure work waiting in the database, and the e-mail record.
 */
@Injectable()
export class ScrapeTimeMetrics implements OnModuleInit {
  private readonly logger = new Logger('Metrics');
  private figureWorkRead: Promise<FigureWork> | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    const registers = [this.metrics.registry];
    const queueJobs = this.queueJobs.bind(this);
    const figures = this.figures.bind(this);
    const mail = this.mail.bind(this);
    new Gauge({
      name: `${METRICS_PREFIX}queue_jobs`,
      help: 'Jobs of each queue by state (waiting, active, failed, delayed), read at scrape time; a queue Redis does not count in time is left out',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        await queueJobs(this);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}figures_pending_scopes`,
      help: 'Figure scopes whose recompute is pending (failed-for-good scopes aside), read at scrape time',
      registers,
      async collect() {
        await figures(this, (work) => work.pending);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}figures_oldest_pending_seconds`,
      help: 'How long the oldest pending figure work has waited, in seconds (0 when none waits), read at scrape time',
      registers,
      async collect() {
        await figures(this, (work) => work.oldestSeconds);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}mail_notifications`,
      help: 'E-mail in the record by status: pending, sent, failed',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        await mail(this);
      },
    });
  }

  private async queueJobs(gauge: Gauge<'queue' | 'state'>) {
    gauge.reset();
    await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        try {
          const counts = await withTimeout(
            queueNamed(this.moduleRef, name).getJobCounts(),
            SCRAPE_TIMEOUT_MS,
            'Counting jobs',
          );
          for (const state of JOB_STATES) gauge.set({ queue: name, state }, counts[state]);
        } catch (error) {
          this.logger.warn(`Queue ${name} left out of the metrics: ${messageOf(error)}`);
        }
      }),
    );
  }

  /** The same pending scopes as GET /health's outbox; the oldest counts from when its work was first pending. */
  private async figures(gauge: Gauge, read: (work: FigureWork) => number) {
    gauge.reset();
    try {
      gauge.set(read(await this.figureWorkOfThisScrape()));
    } catch (error) {
      this.logger.warn(`Figure work left out of the metrics: ${messageOf(error)}`);
    }
  }

  /**
   * Both figure gauges collect at once in a scrape: they share one read, so that they describe the
   * same moment (two reads could show no pending scope beside an oldest one waiting).
   */
  private figureWorkOfThisScrape(): Promise<FigureWork> {
    this.figureWorkRead ??= this.readFigureWork().finally(() => {
      this.figureWorkRead = null;
    });
    return this.figureWorkRead;
  }

  private async readFigureWork(): Promise<FigureWork> {
    const [row] = await withTimeout(
      namedQuery<{ pending: unknown; oldest: unknown }>(
        this.dataSource.manager,
        `
        SELECT COUNT(*) AS pending, MIN(m.pending_since) AS oldest
        FROM figure_dirty_marks m
        LEFT JOIN figure_failures f ON f.scope = m.scope
        WHERE m.generation > m.computed_generation
          AND (f.failed_generation IS NULL OR f.failed_generation < m.generation)`,
      ),
      SCRAPE_TIMEOUT_MS,
      'Reading the figure work',
    );
    const oldest = row.oldest === null ? null : instantFromRow(row.oldest);
    const oldestSeconds = oldest ? Math.max(0, (this.clock.now().getTime() - oldest.getTime()) / 1000) : 0;
    return { pending: Number(row.pending), oldestSeconds };
  }

  private async mail(gauge: Gauge<'status'>) {
    gauge.reset();
    try {
      const rows = await withTimeout(
        namedQuery<{ status: string; count: unknown }>(
          this.dataSource.manager,
          'SELECT status, COUNT(*) AS count FROM notifications GROUP BY status',
        ),
        SCRAPE_TIMEOUT_MS,
        'Counting e-mail',
      );
      for (const status of MAIL_STATUSES)
        gauge.set({ status }, Number(rows.find((row) => row.status === status)?.count ?? 0));
    } catch (error) {
      this.logger.warn(`E-mail left out of the metrics: ${messageOf(error)}`);
    }
  }
}
