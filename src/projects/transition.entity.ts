import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Stage } from '../programs/stage.entity.js';
import { Project } from './project.entity.js';
import { Enrollment, type EnrollmentStatus } from './enrollment.entity.js';

/** enrol: entry into the first stage; move: to another stage; abandon, hold, reopen: status changes. */
export const TRANSITION_KINDS = ['enrol', 'move', 'abandon', 'hold', 'reopen'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];
export type TransitionSource = 'manual' | 'system' | 'import';

/** One line of an enrollment's history. Never updated, never deleted. */
@Entity('transitions')
@ForeignKey(() => Stage, ['programCode', 'toStage'], ['programCode', 'code'])
@Index('ix_transitions_enrollment_time', ['enrollmentId', 'occurredAt', 'id'])
export class Transition {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => Enrollment)
  @Column({ type: 'integer' })
  enrollmentId: number;
  @Index('ix_transitions_project')
  @ForeignKey(() => Project)
  @Column({ type: 'integer' })
  projectId: number;
  @Column({ type: 'varchar', length: 40 }) programCode: string;
  @Column({ type: 'varchar', length: 20 }) kind: TransitionKind;
  @Column({ type: 'varchar', length: 60, nullable: true }) fromStage: string | null;
  @Column({ type: 'varchar', length: 60 }) toStage: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromStatus: EnrollmentStatus | null;
  @Column({ type: 'varchar', length: 20 }) toStatus: EnrollmentStatus;
  /** When it happened, which may be earlier than when it was recorded. */
  @Column() occurredAt: Date;
  @Column() recordedAt: Date;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  actorId: number | null;
  @Column({ type: 'varchar', length: 10 }) source: TransitionSource;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
}
