import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Notification } from './notification.entity.js';

export interface Delivery {
  messageId: string;
}

/**
 * Sends a recorded notification: over SMTP when SMTP_URL is set, otherwise into MAIL_OUTBOX_DIR as
 * one .eml file per e-mail (development), so the same message can be read without a mail server.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;
  private readonly outboxDir: string | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl, outboxDir } = config.mail;
    this.outboxDir = smtpUrl ? null : outboxDir;
    this.transport = smtpUrl
      ? nodemailer.createTransport({
          url: smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    if (this.outboxDir) this.logger.log(`No SMTP_URL: e-mail is written to ${this.outboxDir}/ as .eml files`);
  }

  async send(notification: Notification): Promise<Delivery> {
    if (!notification.messageId) {
      throw new Error(`E-mail ${notification.id} has no Message-ID yet: it is given when a sender claims it`);
    }
    const info = await this.transport.sendMail({
      // The row's own, the same on every attempt: a copy sent again is the same message to a mail reader.
      messageId: notification.messageId,
      from: this.config.mail.from,
      to: { name: notification.recipientName, address: notification.recipientEmail },
      replyTo: notification.replyTo ?? undefined,
      subject: notification.subject,
      text: notification.body,
      headers: { 'Content-Language': notification.language, 'X-Coop-Notification': notification.key },
    });
    if (this.outboxDir) {
      await mkdir(this.outboxDir, { recursive: true });
      await writeFile(
        join(this.outboxDir, `${notification.id}-${notification.key.replace(/[^a-z0-9-]+/gi, '_')}.eml`),
        info.message as Buffer,
      );
    }
    return { messageId: info.messageId };
  }

  /**
   * Law 25: deletes the outbox's copies of these e-mails, found by the record id that starts each
   * file's name. Returns how many were deleted. The folder is looked in even when SMTP_URL is set
   * now: it may hold files from a time without it.
   */
  async deleteOutboxFiles(notificationIds: number[]): Promise<number> {
    const dir = this.config.mail.outboxDir;
    if (!dir || notificationIds.length === 0) return 0;
    const prefixes = notificationIds.map((id) => `${id}-`);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const doomed = names.filter((name) => name.endsWith('.eml') && prefixes.some((prefix) => name.startsWith(prefix)));
    for (const name of doomed) await rm(join(dir, name), { force: true });
    return doomed.length;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
