import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import { hashPassword } from '../auth/password-hasher.js';
import { Clock } from '../common/clock.js';
import { notFound, unprocessable } from '../common/domain-error.js';
import { hashOfToken, newSecretToken } from '../common/secret-token.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { MailRelay } from '../notifications/mail-relay.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { PasswordReset } from './password-reset.entity.js';
import { passwordResetEmail } from './password-reset-email.js';

const VALID_FOR_MS = 60 * 60 * 1000;

// One answer for an unknown, used or expired token: the caller learns nothing about which.
const invalidLink = () =>
  unprocessable('This password reset link is invalid or has expired: ask an administrator for a new one');

/** How the trail tells a reset: a fact (requested, completed), never its token nor the password. */
const RESET_FIELD = 'passwordReset';

export interface StartedReset {
  userId: number;
  expiresAt: Date;
  notificationId: number;
}

/**
 * Password resets an admin starts: a random token goes to the user by e-mail, only its SHA-256 is
 * kept, for one hour and one use. Setting the password revokes every token of the user.
 */
@Injectable()
export class PasswordResetsService {
  private readonly logger = new Logger('PasswordResets');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly mailRelay: MailRelay,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(actor: AuditActor, userId: number): Promise<StartedReset> {
    const token = newSecretToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + VALID_FOR_MS);
    const started = await this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw notFound('User', userId);
      if (!user.active) throw unprocessable(`User ${userId} is deactivated: reactivate the account first`);
      // A new reset replaces the one before: only the latest link works.
      await manager.delete(PasswordReset, { userId });
      await manager.insert(PasswordReset, {
        userId,
        tokenHash: hashOfToken(token),
        expiresAt,
        usedAt: null,
        createdAt: now,
      });
      // Each start is recorded, a new one replacing a live one included: the admin sent another link.
      await this.audit.record(manager, actor, {
        entity: 'user',
        id: userId,
        before: { [RESET_FIELD]: null },
        after: { [RESET_FIELD]: 'requested' },
      });
      const link = `${this.config.publicUrl}/app/reset-password?token=${token}`;
      const email = passwordResetEmail(
        { name: user.name, link, publicUrl: this.config.publicUrl, token },
        user.language,
      );
      const [notificationId] = await this.notifications.record(manager, [
        {
          key: `password-reset:${userId}:${randomBytes(6).toString('hex')}`,
          kind: 'password_reset',
          recipientEmail: user.email,
          recipientName: user.name,
          recipientUserId: userId,
          contactId: null,
          projectId: null,
          language: user.language,
          replyTo: null,
          ...email,
        },
      ]);
      return { userId, expiresAt, notificationId };
    });
    this.logger.log(`Password reset started for user ${userId}: e-mail record ${started.notificationId}`);
    // A process that also works the queue hands the e-mail over now; otherwise a worker's relay will.
    if (this.runsWorker) void this.mailRelay.relay();
    return started;
  }

  async complete(token: string, password: string): Promise<void> {
    const tokenHash = hashOfToken(token);
    const now = this.clock.now();
    const live = { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) };
    // Checked before hashing, so a flood of made-up tokens costs no scrypt.
    if (!(await this.dataSource.manager.existsBy(PasswordReset, live))) throw invalidLink();
    const passwordHash = await hashPassword(password);
    const userId = await this.transactions.run(async (manager) => {
      const reset = await manager.findOneBy(PasswordReset, live);
      if (!reset) throw invalidLink();
      // The mark is conditional: of two uses at once, one sets the password and the other is refused.
      const marked = await manager.update(
        PasswordReset,
        { userId: reset.userId, tokenHash, usedAt: IsNull() },
        {
          usedAt: now,
        },
      );
      if (marked.affected !== 1) throw invalidLink();
      if (!(await manager.existsBy(User, { id: reset.userId, active: true }))) throw invalidLink();
      await this.users.setPasswordHash(manager, reset.userId, passwordHash);
      // Whoever holds the link acts as the account's owner: the link went to their address.
      await this.audit.record(
        manager,
        { id: reset.userId },
        {
          entity: 'user',
          id: reset.userId,
          before: { [RESET_FIELD]: 'requested' },
          after: { [RESET_FIELD]: 'completed' },
        },
      );
      return reset.userId;
    });
    this.logger.log(`Password reset used: user ${userId} has a new password`);
  }
}
