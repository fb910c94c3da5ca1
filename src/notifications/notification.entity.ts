import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../users/user.entity.js';

export const NOTIFICATION_KINDS = ['digest', 'check_in', 'password_reset'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds whose body holds a secret (a one-time token): never shown, and blanked once sent. */
export const SECRET_BODY_KINDS: readonly NotificationKind[] = ['password_reset'];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One e-mail, recorded before it is sent and kept after. `key` says what it is for
 * (`digest:<advisor>:<local date>`, `check-in:<project>:<offset>:contact:<id>`) and is unique:
 * whatever runs twice, the e-mail exists once.
 */
@Entity('notifications')
@Index('ix_notifications_status', ['status', 'id'])
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200, unique: true }) key: string;
  @Column({ type: 'varchar', length: 20 }) kind: NotificationKind;
  @Column({ type: 'varchar', length: 254 }) recipientEmail: string;
  @Column({ type: 'varchar', length: 200 }) recipientName: string;
  @Index('ix_notifications_recipient_user')
  @Column({ type: 'integer', nullable: true })
  recipientUserId: number | null;
  @Index('ix_notifications_contact')
  @Column({ type: 'integer', nullable: true })
  contactId: number | null;
  @Column({ type: 'integer', nullable: true }) projectId: number | null;
  @Column({ type: 'varchar', length: 2 }) language: Language;
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) replyTo: string | null;
  @Column({ type: 'varchar', length: 10 }) status: NotificationStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'varchar', length: 1000, nullable: true }) lastError: string | null;
  @Index('ix_notifications_created')
  @CreateDateColumn()
  createdAt: Date;
  @Column({ type: Date, nullable: true }) sentAt: Date | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) messageId: string | null;
  // Delivery bookkeeping, not part of what the API shows.
  @Column({ type: Date, nullable: true, select: false }) lockedUntil: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true, select: false }) jobId: string | null;
  @Column({ type: 'integer', default: 0, select: false }) handCount: number;
}

/** What a job hands over to be sent: everything but the delivery bookkeeping. */
export type NotificationDraft = Pick<
  Notification,
  | 'key'
  | 'kind'
  | 'recipientEmail'
  | 'recipientName'
  | 'recipientUserId'
  | 'contactId'
  | 'projectId'
  | 'language'
  | 'subject'
  | 'body'
  | 'replyTo'
>;
