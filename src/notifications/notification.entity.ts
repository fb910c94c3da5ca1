import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
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
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar' }) key: string;
  @Column({ type: 'varchar' }) kind: NotificationKind;
  @Column({ type: 'varchar' }) recipientEmail: string;
  @Column({ type: 'varchar' }) recipientName: string;
  @Column({ type: 'integer', nullable: true }) recipientUserId: number | null;
  @Column({ type: 'integer', nullable: true }) contactId: number | null;
  @Column({ type: 'integer', nullable: true }) projectId: number | null;
  @Column({ type: 'varchar' }) language: Language;
  @Column({ type: 'varchar' }) subject: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', nullable: true }) replyTo: string | null;
  @Column({ type: 'varchar' }) status: NotificationStatus;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'varchar', nullable: true }) lastError: string | null;
  @CreateDateColumn() createdAt: Date;
  @Column({ type: Date, nullable: true }) sentAt: Date | null;
  @Column({ type: 'varchar', nullable: true }) messageId: string | null;
  // Delivery bookkeeping, not part of what the API shows.
  @Column({ type: Date, nullable: true, select: false }) lockedUntil: Date | null;
  @Column({ type: 'varchar', nullable: true, select: false }) jobId: string | null;
  @Column({ type: 'integer', select: false }) handCount: number;
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
