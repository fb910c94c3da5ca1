import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Project } from '../projects/project.entity.js';

/** task: written by staff; check_in: made by the check-in job, to record a team's news after its cohort. */
export const FOLLOW_UP_KINDS = ['task', 'check_in'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** A dated task on a project for an advisor ("call the team about the loan"). */
@Entity('follow_ups')
@Index('ix_follow_ups_assignee_due', ['assigneeId', 'dueOn'])
// The digest reads the open tasks due by a date, advisor by advisor, in this order.
@Index('ix_follow_ups_open_due', ['assigneeId', 'dueOn', 'id'], { where: 'done_at IS NULL' })
export class FollowUp {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_follow_ups_project')
  @ForeignKey(() => Project)
  @Column({ type: 'integer' })
  projectId: number;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  assigneeId: number | null;
  /** The local date (YYYY-MM-DD) it is due. */
  @Column({ type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) note: string;
  @Column({ type: 'varchar', length: 20 }) kind: FollowUpKind;
  @Column({ type: 'varchar', length: 120, nullable: true, unique: true }) sourceKey: string | null;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  createdById: number | null;
  @Column({ type: Date, nullable: true }) doneAt: Date | null;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  doneById: number | null;
  /** What came of it, written when it is done (the news a check-in brought, say). */
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
