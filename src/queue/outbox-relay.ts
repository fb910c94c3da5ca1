import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { PRODUCER_TIMEOUT_MS } from './queue.constants.js';
import { withTimeout } from './redis-connection.js';
import { messageOf } from '../common/error-message.js';

/** A job that has not started yet will see the newest state of the database when it does. */
const NOT_STARTED = new Set(['waiting', 'delayed', 'paused']);

/** How many times a job's state is read while Bull says 'stuck'. */
const STATE_READS = 3;

/** The Bull state of a job handed over earlier: 'missing' when Redis no longer has it. */
export async function handedJobState(queue: Queue, jobId: string | null): Promise<string> {
  if (!jobId) return 'missing';
  const job = await withTimeout(queue.getJob(jobId), PRODUCER_TIMEOUT_MS, 'Reading a job');
  if (!job) return 'missing';
  // Bull 4 reads a job's lists one after another, so a job that moves between two reads (active
  // to delayed for its next attempt) is in none of them: 'stuck'. Read again before calling it gone,
  // or a retrying job would get a twin.
  let state = 'stuck';
  for (let read = 0; read < STATE_READS && state === 'stuck'; read++) {
    state = await withTimeout(job.getState(), PRODUCER_TIMEOUT_MS, 'Reading a job state');
  }
  return state;
}

export const hasNotStarted = (state: string) => NOT_STARTED.has(state);

/**
 * An outbox relay: in worker processes, every RELAY_INTERVAL_MS, one pass (`handPending`) hands
 * work recorded in the database to a queue. Passes never overlap; while Redis is away no pass is
 * attempted and the work waits in the database. Logs once when Redis goes away and once when it
 * is back. The figures' dirty marks and the e-mails each have one.
 */
export abstract class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private redisAway = false;

  protected constructor(
    private readonly what: string,
    private readonly relayQueue: Queue,
    private readonly runsWorker: boolean,
    private readonly intervalMs: number,
  ) {
    this.logger = new Logger(`${what} relay`);
  }

  /** One pass: hands over what is pending and says how many items it handed. */
  protected abstract handPending(): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.runsWorker) this.timer = setInterval(() => void this.relay(), this.intervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass now (a job that has just recorded work calls it rather than wait for the next). */
  async relay(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      if (this.relayQueue.client.status !== 'ready')
        return this.away(new Error(`Redis connection is ${this.relayQueue.client.status}`));
      const handed = await this.handPending();
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
    if (!this.redisAway) this.logger.warn(`${this.what} wait in the database until Redis answers: ${messageOf(error)}`);
    this.redisAway = true;
    return 0;
  }
}
