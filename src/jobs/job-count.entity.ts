import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { Transition } from '../projects/transition.entity.js';
import { User } from '../users/user.entity.js';

/**
 * created: at a project's incorporation; maintained: when a takeover closes; workers: how many work
 * in a co-op, or in a project's co-op as its team told a check-in.
 */
export const JOB_KINDS = ['created', 'maintained', 'workers'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const PROJECT_JOB_KINDS = ['created', 'maintained'] as const;
export type ProjectJobKind = (typeof PROJECT_JOB_KINDS)[number];

/** One dated count of jobs, never overwritten: the latest of a kind is the current figure. */
@Entity('job_counts')
@Check('ck_job_counts_jobs', 'jobs >= 0')
@Check(
  'ck_job_counts_target',
  "(kind IN ('created', 'maintained') AND project_id IS NOT NULL AND organization_id IS NULL) OR " +
    "(kind = 'workers' AND (project_id IS NULL) <> (organization_id IS NULL))",
)
@Index('ix_job_counts_project', ['projectId', 'countedOn'])
@Index('ix_job_counts_organization', ['organizationId', 'countedOn'])
export class JobCount {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) kind: JobKind;
  @ForeignKey(() => Project)
  @Column({ type: 'integer', nullable: true })
  projectId: number | null;
  @ForeignKey(() => Organization)
  @Column({ type: 'integer', nullable: true })
  organizationId: number | null;
  @Column({ type: 'integer' }) jobs: number;
  /** The calendar date (YYYY-MM-DD) the count holds for. */
  @Index('ix_job_counts_counted_on')
  @Column({ type: 'date' })
  countedOn: string;
  /** The move that carried the count, when it came with one. */
  @ForeignKey(() => Transition)
  @Column({ type: 'integer', nullable: true })
  transitionId: number | null;
  @ForeignKey(() => User)
  @Column({ type: 'integer' })
  recordedBy: number;
  @Column() recordedAt: Date;
  /** Demo stand-ins: counts invented to give the demo's reports something to add up. */
  @Column({ type: 'boolean', default: false }) demo: boolean;
}
