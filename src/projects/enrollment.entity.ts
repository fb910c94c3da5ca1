import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Stage } from '../programs/stage.entity.js';
import { Project } from './project.entity.js';
import { Cohort } from '../cohorts/cohort.entity.js';

export const ENROLLMENT_STATUSES = ['active', 'on_hold', 'abandoned'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** A project's place in one program: its cohort, its current stage and status. */
@Entity('enrollments')
@Unique('uq_enrollments_project_program', ['projectId', 'programCode'])
@ForeignKey(() => Stage, ['programCode', 'stageCode'], ['programCode', 'code'])
@Index('ix_enrollments_program_stage', ['programCode', 'stageCode'])
@Index('ix_enrollments_program_enrolled', ['programCode', 'enrolledAt'])
@Index('ix_enrollments_cohort_id', ['cohortId', 'id'])
export class Enrollment {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => Project)
  @Column({ type: 'integer' })
  projectId: number;
  @Column({ type: 'varchar', length: 40 }) programCode: string;
  @Index('ix_enrollments_cohort')
  @ForeignKey(() => Cohort)
  @Column({ type: 'integer', nullable: true })
  cohortId: number | null;
  @Column({ type: 'varchar', length: 60 }) stageCode: string;
  @Index('ix_enrollments_status')
  @Column({ type: 'varchar', length: 20 })
  status: EnrollmentStatus;
  @Column({ type: 'varchar', length: 500, nullable: true }) statusReason: string | null;
  /** Bumped by every move; a client sends it back (If-Match) to move only what it has seen. */
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column() enrolledAt: Date;
  @Column() stageEnteredAt: Date;
  @Column() lastMovedAt: Date;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}

/** An enrollment's own fields, without the row's bookkeeping stamps. */
export type EnrollmentRow = Omit<Enrollment, 'createdAt' | 'updatedAt'>;
