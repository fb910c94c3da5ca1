import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Project, type CoopType } from '../projects/project.entity.js';

/** A co-operative the federation serves, most of them members; the project it grew from, if any. */
@Entity('organizations')
@Unique('uq_organizations_enterprise_number', ['enterpriseNumber'])
@Unique('uq_organizations_project', ['projectId'])
@Check(
  'ck_organizations_membership',
  'member_until IS NULL OR (member_since IS NOT NULL AND member_until >= member_since)',
)
export class Organization {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** The name folded for search (common/search-text.ts), kept in step with name on every write. */
  @Index('ix_organizations_search_name')
  @Column({ type: 'varchar', length: 200, select: false })
  searchName: string;
  @Column({ type: 'varchar', length: 20 }) coopType: CoopType;
  @Index('ix_organizations_region')
  @Column({ type: 'varchar', length: 2 })
  region: string;
  @Column({ type: 'varchar', length: 200 }) sector: string;
  /** Québec enterprise number (NEQ): ten digits, checked for its form only. */
  @Column({ type: 'varchar', length: 10, nullable: true }) enterpriseNumber: string | null;
  /** Calendar dates (YYYY-MM-DD): a member from this day, and until this day when it left. */
  @Index('ix_organizations_member_since')
  @Column({ type: 'date', nullable: true })
  memberSince: string | null;
  @Column({ type: 'date', nullable: true }) memberUntil: string | null;
  /** The project that became this co-op when it incorporated. */
  @ForeignKey(() => Project)
  @Column({ type: 'integer', nullable: true })
  projectId: number | null;
  /** Demo stand-ins: invented co-ops that reproduce the annual report's counts. */
  @Column({ type: 'boolean', default: false }) demo: boolean;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
