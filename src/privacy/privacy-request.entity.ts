import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** access and erasure: asked by an admin; retention: the daily erasure of contacts kept long enough. */
export const PRIVACY_REQUEST_KINDS = ['access', 'erasure', 'retention'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/**
 * One request about a person's information (Law 25): who asked, when, and how much it found
 * (access) or erased (erasure). Never the person's details, not even a hash of their e-mail: a hash
 * of an address can be matched by anyone who guesses it, which would tell that this person was erased.
 */
@Entity('privacy_requests')
@Index('ix_privacy_requests_created', ['createdAt', 'id'])
export class PrivacyRequest {
  @PrimaryGeneratedColumn() id: number;
  /** Who asked; null for the retention schedule, which nobody asks. */
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  userId: number | null;
  @Column({ type: 'varchar', length: 10 }) kind: PrivacyRequestKind;
  @Column({ type: 'integer' }) contacts: number;
  @Column({ type: 'integer' }) emails: number;
  @Column({ type: 'integer' }) outboxFiles: number;
  @Column() createdAt: Date;
}
