import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** task: written by staff; check_in: made by the check-in job, to record a team's news after its cohort. */
export const FOLLOW_UP_KINDS = ['task', 'check_in'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** A dated task on a project for an advisor ("call the team about the loan"). */
@Entity('follow_ups')
export class FollowUp {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer', nullable: true }) assigneeId: number | null;
  /** The local date (YYYY-MM-DD) it is due. */
  @Column({ type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) note: string;
  @Column({ type: 'varchar' }) kind: FollowUpKind;
  @Column({ type: 'varchar', nullable: true }) sourceKey: string | null;
  @Column({ type: 'integer', nullable: true }) createdById: number | null;
  @Column({ type: Date, nullable: true }) doneAt: Date | null;
  @Column({ type: 'integer', nullable: true }) doneById: number | null;
  /** What came of it, written when it is done (the news a check-in brought, say). */
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
