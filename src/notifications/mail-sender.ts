import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobRegistry } from '../queue/job-registry.js';
import type { JobData } from '../queue/queue.constants.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { Mailer } from './mailer.js';
import { newMessageId, senderDomain } from './message-id.js';
import { Notification, SECRET_BODY_KINDS } from './notification.entity.js';
import { messageOf, withoutAddresses } from '../common/error-message.js';

export type SendOutcome = { status: 'sent' | 'failed' | 'skipped'; notificationId: number };

/**
 * The mail queue's job: sends one recorded e-mail and records what happened. Only one worker sends
 * an e-mail at a time: it holds a lock in the row (MAIL_LOCK_SECONDS) and renews it while it sends,
 * so a live sender never loses it, however slow the server. A sent one is never sent again. Only a
 * worker that dies between the server's acceptance and the `sent` status leaves an e-mail that was
 * delivered pending: another worker sends it again once the lock runs out, with the same
 * Message-ID, given to the row before its first attempt. A refusal counts an attempt and is thrown
 * back to Bull, which retries with backoff; the last attempt marks the e-mail failed, where
 * coordinators see it (GET /notifications?status=failed).
 */
@Injectable()
export class MailSender implements OnModuleInit {
  private readonly logger = new Logger(MailSender.name);
  private readonly messageIdDomain: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.messageIdDomain = senderDomain(config.mail.from);
  }

  onModuleInit(): void {
    if (this.runsWorker)
      this.registry.register('mail', 'send-notification', (data: JobData['send-notification']) =>
        this.send(data.notificationId),
      );
  }

  async send(notificationId: number): Promise<SendOutcome> {
    const recorded = await this.dataSource.manager.findOneBy(Notification, { id: notificationId });
    if (!recorded || !(await this.claim(notificationId, newMessageId(recorded.key, this.messageIdDomain)))) {
      return { status: 'skipped', notificationId };
    }
    const notification = await this.dataSource.manager.findOneByOrFail(Notification, { id: notificationId });
    const attempts = notification.attempts + 1;
    const lock = this.holdLock(notificationId);
    try {
      await this.mailer.send(notification);
      await lock.release();
      await this.dataSource.manager.update(
        Notification,
        { id: notificationId },
        {
          status: 'sent',
          attempts,
          sentAt: this.clock.now(),
          lastError: null,
          lockedUntil: null,
          // Once delivered, a one-time token has no reason to stay in the database.
          ...(SECRET_BODY_KINDS.includes(notification.kind) ? { body: '' } : {}),
        },
      );
      return { status: 'sent', notificationId };
    } catch (error) {
      await lock.release();
      // Kept and logged without any address the server's answer names: the notification id says whose.
      const message = withoutAddresses(messageOf(error)).slice(0, 1000);
      const failed = attempts >= this.config.mail.attempts;
      await this.dataSource.manager.update(
        Notification,
        { id: notificationId },
        {
          status: failed ? 'failed' : 'pending',
          attempts,
          lastError: message,
          lockedUntil: null,
        },
      );
      // Bull keeps the error of a retried job in Redis: its message without the address, and no cause
      // that would carry it again.
      // eslint-disable-next-line preserve-caught-error
      if (!failed) throw new Error(message);
      this.logger.warn(
        `E-mail ${notification.key} (record ${notificationId}) failed after ${attempts} attempts: ${message}`,
      );
      return { status: 'failed', notificationId };
    }
  }

  /**
   * true when this worker may send it now: it is pending and no other worker holds it. The first
   * claim also gives the row its Message-ID, kept by every later attempt.
   */
  private async claim(notificationId: number, messageId: string): Promise<boolean> {
    // Locks are about live processes, so they are in real time, not the service's clock.
    const now = new Date();
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(Notification)
      .set({
        lockedUntil: new Date(now.getTime() + this.config.mail.lockMs),
        messageId: () => 'COALESCE(message_id, :messageId)',
      })
      .where("id = :notificationId AND status = 'pending' AND (locked_until IS NULL OR locked_until < :now)", {
        notificationId,
        now,
      })
      .setParameter('messageId', messageId)
      .execute();
    return result.affected === 1;
  }

  /** Renews the lock every third of its length while the e-mail is being sent. */
  private holdLock(notificationId: number): { release: () => Promise<void> } {
    let renewal: Promise<unknown> = Promise.resolve();
    const timer = setInterval(
      () => {
        const until = new Date(Date.now() + this.config.mail.lockMs);
        renewal = this.dataSource.manager
          .update(Notification, { id: notificationId, status: 'pending' }, { lockedUntil: until })
          .catch((error: unknown) => {
            this.logger.warn(`Could not renew the lock on e-mail ${notificationId}: ${messageOf(error)}`);
          });
      },
      Math.floor(this.config.mail.lockMs / 3),
    );
    return {
      // Waits for a renewal under way, so that none lands after the status that ends the attempt.
      release: async () => {
        clearInterval(timer);
        await renewal;
      },
    };
  }
}
