import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { PRODUCER_TIMEOUT_MS } from './queue.constants.js';
import { withTimeout } from './redis-connection.js';

/** A job that has not started yet will see the newest state of the database when it does. */
const NOT_STARTED = new Set(['waiting', 'delayed', 'paused']);

/** The Bull state of a job handed over earlier: 'missing' when Redis no longer has it. */
export async function handedJobState(queue: Queue, jobId: string | null): Promise<string> {
  if (!jobId) return 'missing';
  const job = await withTimeout(queue.getJob(jobId), PRODUCER_TIMEOUT_MS, 'Reading a job');
  return job ? withTimeout(job.getState(), PRODUCER_TIMEOUT_MS, 'Reading a job state') : 'missing';
}

export const hasNotStarted = (state: string) => NOT_STARTED.has(state);

/**
 * The loop of an outbox relay: every interval, one pass that hands work recorded in the database
 * to a queue. Passes never overlap; while Redis is away no pass is attempted and the work waits in
 * the database. Logs once when Redis goes away and once when it is back.
 */
export class RelayLoop {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private redisAway = false;

  constructor(
    private readonly what: string,
    private readonly queue: Queue,
    private readonly pass: () => Promise<number>,
  ) {
    this.logger = new Logger(`${what} relay`);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One pass now; returns how many items it handed over. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      if (this.queue.client.status !== 'ready') return this.away(new Error(`Redis connection is ${this.queue.client.status}`));
      const handed = await this.pass();
      if (this.redisAway) this.logger.log(`Redis answers again: handing pending ${this.what} to the queue`);
      this.redisAway = false;
      return handed;
    } catch (error) {
      return this.away(error);
    } finally {
      this.running = false;
    }
  }

  private away(error: unknown): number {
    if (!this.redisAway) this.logger.warn(`${this.what} wait in the database until Redis answers: ${error instanceof Error ? error.message : error}`);
    this.redisAway = true;
    return 0;
  }
}
