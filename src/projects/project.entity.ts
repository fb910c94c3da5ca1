import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

export const PROJECT_KINDS = ['startup', 'transfer'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** worker: coopérative de travail; producer: de producteurs (travailleurs-artisans); solidarity: de solidarité. */
export const COOP_TYPES = ['worker', 'producer', 'solidarity'] as const;
export type CoopType = (typeof COOP_TYPES)[number];

/** Québec's 17 administrative regions, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec). */
export const REGIONS = Array.from({ length: 17 }, (_, i) => String(i + 1).padStart(2, '0'));

@Entity('projects')
export class Project {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** The name folded for search (see common/search-text.ts); kept in step with name on every write. */
  @Index('ix_projects_search_name')
  @Column({ type: 'varchar', length: 200, select: false })
  searchName: string;
  @Column({ type: 'varchar', length: 200 }) sector: string;
  @Column({ type: 'varchar', length: 20 }) kind: ProjectKind;
  @Column({ type: 'varchar', length: 20 }) coopType: CoopType;
  @Column({ type: 'varchar', length: 2 }) region: string;
  @Column({ type: 'integer' }) entrepreneurCount: number;
  @Index('ix_projects_advisor')
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  advisorId: number | null;
  /** Demo stand-ins for projects the annual report does not name. */
  @Column({ type: 'boolean', default: false }) fictitious: boolean;
  @Column({ type: 'integer', default: 1 }) version: number;
  /** Last time someone did something about the project (a move, a task, a note): what "stale" is measured from. */
  @Column({ default: () => 'now()' }) lastActivityAt: Date;
  /** A stale alert snoozed until this local date (YYYY-MM-DD), with why and by whom. */
  @Column({ type: 'date', nullable: true }) snoozedUntil: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) snoozeReason: string | null;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  snoozedById: number | null;
  @Column({ type: Date, nullable: true }) snoozedAt: Date | null;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
