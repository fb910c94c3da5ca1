import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EnrollmentStatus } from './enrollment.entity.js';

/** enrol: entry into the first stage; move: to another stage; abandon, hold, reopen: status changes. */
export const TRANSITION_KINDS = ['enrol', 'move', 'abandon', 'hold', 'reopen'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];
export type TransitionSource = 'manual' | 'system';

/** One line of an enrollment's history. Never updated, never deleted. */
@Entity('transitions')
export class Transition {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) enrollmentId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar' }) programCode: string;
  @Column({ type: 'varchar' }) kind: TransitionKind;
  @Column({ type: 'varchar', nullable: true }) fromStage: string | null;
  @Column({ type: 'varchar' }) toStage: string;
  @Column({ type: 'varchar', nullable: true }) fromStatus: EnrollmentStatus | null;
  @Column({ type: 'varchar' }) toStatus: EnrollmentStatus;
  /** When it happened, which may be earlier than when it was recorded. */
  @Column() occurredAt: Date;
  @Column() recordedAt: Date;
  @Column({ type: 'integer', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar' }) source: TransitionSource;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'varchar', nullable: true }) reason: string | null;
}
