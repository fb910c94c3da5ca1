import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ENROLLMENT_STATUSES = ['active', 'on_hold', 'abandoned'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** A project's place in one program: its cohort, its current stage and status. */
@Entity('enrollments')
export class Enrollment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar' }) programCode: string;
  @Column({ type: 'integer', nullable: true }) cohortId: number | null;
  @Column({ type: 'varchar' }) stageCode: string;
  @Column({ type: 'varchar' }) status: EnrollmentStatus;
  @Column({ type: 'varchar', nullable: true }) statusReason: string | null;
  /** Bumped by every move; a client sends it back (If-Match) to move only what it has seen. */
  @Column({ type: 'integer' }) version: number;
  @Column() enrolledAt: Date;
  @Column() stageEnteredAt: Date;
  @Column() lastMovedAt: Date;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}

/** An enrollment's own fields, without the row's bookkeeping stamps. */
export type EnrollmentRow = Omit<Enrollment, 'createdAt' | 'updatedAt'>;
