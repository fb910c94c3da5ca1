import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job } from 'bull';
import { inJobContext } from '../logging/job-context.js';
import { Metrics } from '../metrics/metrics.js';
import { JobRegistry } from './job-registry.js';
import { QUEUES } from './queue.constants.js';
import { queueNamed } from './queue.tokens.js';

/** How many jobs of each queue one worker process runs at once. */
const CONCURRENCY: Record<keyof typeof QUEUES, number> = { figures: 2, schedules: 1, followUps: 1, mail: 4 };

/**
 * One processor per queue, taking every job name ('*') and handing it to the handler the domain
 * registered: which job does what lives with the domain, and JobRegistry checks none is missing.
 * Each attempt runs in a job context (its log lines carry the queue, job name, id and scope) and is
 * timed, its failure counted, for /metrics.
 *
 * Registered here rather than by @nestjs/bull's decorators, which drop the promise Bull's
 * `process` answers: when the application stops before Redis was ever reached, Bull rejects it with
 * the connection's last error, one unhandled rejection per queue.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private stopping = false;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    for (const [key, name] of Object.entries(QUEUES) as [keyof typeof QUEUES, string][]) {
      const run = (job: Job) =>
        inJobContext(name, job, () =>
          this.metrics.timeJob(name, job.name, () => this.registry.handlerFor(key, job.name)(job.data, job)),
        );
      // Bull's promise settles when the worker stops: on shutdown that is expected, whatever Redis did.
      queueNamed(this.moduleRef, name)
        .process('*', CONCURRENCY[key], run)
        .catch((error: unknown) => {
          if (!this.stopping) this.logger.error(`The ${name} queue's worker stopped: ${String(error)}`);
        });
    }
  }

  // Before the queues close (RedisConnectionsCloser closes them when the application shuts down).
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }
}
