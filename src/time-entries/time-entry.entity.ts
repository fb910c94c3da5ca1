import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { InterventionType } from '../interventions/intervention-type.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';

/** Hours are kept as whole quarter hours, so that sums are exact; the API speaks hours (1.25). */
export const QUARTER_HOURS_PER_HOUR = 4;
/** Quarter hours as the database stores or sums them (a bigint as text on PostgreSQL), in hours: exact in binary. */
export const hoursOf = (quarterHours: unknown) => Number(quarterHours ?? 0) / QUARTER_HOURS_PER_HOUR;
/** At most 24 hours for one advisor on one date, all entries counted. */
export const MAX_QUARTER_HOURS_PER_DAY = 24 * QUARTER_HOURS_PER_HOUR;

/** Hours an advisor spent on one date for one project or one co-op, of one intervention type. */
@Entity('time_entries')
@Check(
  'ck_time_entries_one_target',
  '(project_id IS NULL AND organization_id IS NOT NULL) OR (project_id IS NOT NULL AND organization_id IS NULL)',
)
@Check('ck_time_entries_quarter_hours', 'quarter_hours > 0 AND quarter_hours <= 96')
@Index('ix_time_entries_advisor_day', ['advisorId', 'workedOn'])
@Index('ix_time_entries_project', ['projectId', 'workedOn'])
@Index('ix_time_entries_organization', ['organizationId', 'workedOn'])
export class TimeEntry {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => User)
  @Column({ type: 'integer' })
  advisorId: number;
  @ForeignKey(() => Project)
  @Column({ type: 'integer', nullable: true })
  projectId: number | null;
  @ForeignKey(() => Organization)
  @Column({ type: 'integer', nullable: true })
  organizationId: number | null;
  /** The local calendar date (YYYY-MM-DD) the work was done. */
  @Index('ix_time_entries_worked_on')
  @Column({ type: 'date' })
  workedOn: string;
  @Column({ type: 'integer' }) quarterHours: number;
  @Index('ix_time_entries_type')
  @ForeignKey(() => InterventionType)
  @Column({ type: 'varchar', length: 60 })
  interventionTypeCode: string;
  @Column({ type: 'varchar', length: 2000, nullable: true }) note: string | null;
  /** Demo stand-ins: invented entries that reproduce the annual report's hours. */
  @Column({ type: 'boolean', default: false }) demo: boolean;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
