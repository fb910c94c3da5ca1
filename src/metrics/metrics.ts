import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const METRICS_PREFIX = 'coop_';

/** Where unmatched requests (404s of no route) are counted, as one route label. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * The series this process records itself, in a registry of its own (not prom-client's global
 * one), so that several applications in one process (the tests) never mix their series.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: `${METRICS_PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: `${METRICS_PREFIX}job_duration_seconds`,
    help: 'Runs of queue jobs (each attempt, done or failed) by queue and job name',
    labelNames: ['queue', 'job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: `${METRICS_PREFIX}job_failures_total`,
    help: 'Failed attempts of queue jobs by queue and job name (a job retried counts each failure)',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRICS_PREFIX });
  }

  /** Runs one attempt of a job, recording how long it took and whether it failed. */
  async timeJob<T>(queue: string, job: string, run: () => Promise<T> | T): Promise<T> {
    const stop = this.jobDuration.startTimer({ queue, job });
    try {
      return await run();
    } catch (error) {
      this.jobFailures.inc({ queue, job });
      throw error;
    } finally {
      stop();
    }
  }
}
