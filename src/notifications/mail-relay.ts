import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { namedQuery } from '../database/named-query.js';
import { PRODUCER_TIMEOUT_MS, QUEUES, type JobData } from '../queue/queue.constants.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { withTimeout } from '../queue/redis-connection.js';
import { handedJobState, hasNotStarted, OutboxRelay } from '../queue/outbox-relay.js';

interface PendingRow {
  id: number;
  job_id: string | null;
  hand_count: number;
  locked_until: unknown;
}

// Pending e-mails no worker holds right now, oldest first.
const PENDING_SQL = `
  SELECT id, job_id, hand_count, locked_until FROM notifications
  WHERE status = 'pending' AND (locked_until IS NULL OR locked_until < :now)
  ORDER BY id
  LIMIT 200`;

/**
 * Hands recorded e-mails to the mail queue (the outbox pattern again): an e-mail is written in the
 * transaction that decided to send it, and this relay, in worker processes, gives it a job. A job
 * that is waiting or retrying is left alone; one that Redis lost is replaced under a new id. So is
 * a job still active whose lock in the row ran out: a live sender renews its lock, so that job's
 * worker died, and its e-mail goes out again after MAIL_LOCK_SECONDS rather than whenever Bull
 * finds the job stalled.
 */
@Injectable()
export class MailRelay extends OutboxRelay {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue,
    @Inject(RUNS_WORKER) runsWorker: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('E-mails', queue, runsWorker, config.relayIntervalMs);
  }

  protected async handPending(): Promise<number> {
    // Locks are about live processes, so they are in real time, not the service's clock.
    const rows = await namedQuery<PendingRow>(this.dataSource.manager, PENDING_SQL, { now: new Date() });
    let handed = 0;
    for (const row of rows) {
      const state = await handedJobState(this.queue, row.job_id);
      // An active job with no lock in its row is between its start and its claim, or has just ended.
      if (hasNotStarted(state) || (state === 'active' && row.locked_until === null)) continue;
      await this.handOver(Number(row.id), Number(row.hand_count) + 1);
      handed += 1;
    }
    return handed;
  }

  private async handOver(notificationId: number, handCount: number): Promise<void> {
    // A new id per hand-over: Bull ignores an id it still holds, such as a job that failed.
    const jobId = `mail:${notificationId}:${handCount}`;
    const { attempts, retryDelayMs } = this.config.mail;
    const data: JobData['send-notification'] = { notificationId };
    await withTimeout(
      this.queue.add('send-notification', data, {
        jobId,
        attempts,
        backoff: { type: 'exponential', delay: retryDelayMs },
      }),
      PRODUCER_TIMEOUT_MS,
      'Adding a mail job',
    );
    await namedQuery(
      this.dataSource.manager,
      'UPDATE notifications SET job_id = :jobId, hand_count = :handCount WHERE id = :notificationId',
      {
        jobId,
        handCount,
        notificationId,
      },
    );
  }
}
