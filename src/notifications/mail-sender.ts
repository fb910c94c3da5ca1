import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobRegistry } from '../queue/job-registry.js';
import type { JobData } from '../queue/queue.constants.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { Mailer } from './mailer.js';
import { Notification } from './notification.entity.js';

/** Long enough for one SMTP exchange with its timeouts; a worker that dies frees the e-mail after it. */
const SEND_LOCK_MS = 120_000;

export type SendOutcome = { status: 'sent' | 'failed' | 'skipped'; notificationId: number };

/**
 * The mail queue's job: sends one recorded e-mail and records what happened. Only one worker sends
 * an e-mail at a time (a lock in its row), and a sent one is never sent again. A refusal counts an
 * attempt and is thrown back to Bull, which retries with backoff; the last attempt marks the
 * e-mail failed, where coordinators see it (GET /notifications?status=failed).
 */
@Injectable()
export class MailSender implements OnModuleInit {
  private readonly logger = new Logger(MailSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.runsWorker) this.registry.register('mail', 'send-notification', (data: JobData['send-notification']) => this.send(data.notificationId));
  }

  async send(notificationId: number): Promise<SendOutcome> {
    if (!(await this.claim(notificationId))) return { status: 'skipped', notificationId };
    const notification = await this.dataSource.manager.findOneByOrFail(Notification, { id: notificationId });
    const attempts = notification.attempts + 1;
    try {
      const delivery = await this.mailer.send(notification);
      await this.dataSource.manager.update(Notification, { id: notificationId }, {
        status: 'sent', attempts, sentAt: this.clock.now(), messageId: delivery.messageId, lastError: null, lockedUntil: null,
      });
      return { status: 'sent', notificationId };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const failed = attempts >= this.config.mail.attempts;
      await this.dataSource.manager.update(Notification, { id: notificationId }, {
        status: failed ? 'failed' : 'pending', attempts, lastError: message, lockedUntil: null,
      });
      if (!failed) throw error;
      this.logger.warn(`E-mail ${notification.key} to ${notification.recipientEmail} failed after ${attempts} attempts: ${message}`);
      return { status: 'failed', notificationId };
    }
  }

  /** true when this worker may send it now: it is pending and no other worker holds it. */
  private async claim(notificationId: number): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(Notification)
      .set({ lockedUntil: new Date(now.getTime() + SEND_LOCK_MS) })
      .where("id = :notificationId AND status = 'pending' AND (locked_until IS NULL OR locked_until < :now)", { notificationId, now })
      .execute();
    return result.affected === 1;
  }
}
