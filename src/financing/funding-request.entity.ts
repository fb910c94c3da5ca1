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
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';
import { FinancingSource } from './financing-source.entity.js';

/** How the money comes: a loan, a patient loan (capital repaid late, at a low rate), a grant, members' shares. */
export const FUNDING_INSTRUMENTS = ['loan', 'patient_loan', 'grant', 'members_shares'] as const;
export type FundingInstrument = (typeof FUNDING_INSTRUMENTS)[number];

/** In the order a request goes through them; refused and paid end it. */
export const FUNDING_STATUSES = ['in_preparation', 'submitted', 'granted', 'refused', 'paid'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/** The statuses whose amount counts as granted: money promised, or already paid. */
export const GRANTED_STATUSES: readonly FundingStatus[] = ['granted', 'paid'];

/**
 * The database's last word on amounts, whatever the service checked first: cents are never
 * negative, and nothing is granted beyond what was asked.
 */
export const FUNDING_AMOUNTS_CHECK =
  'requested_cents >= 0 AND (granted_cents IS NULL OR (granted_cents >= 0 AND granted_cents <= requested_cents))';

/** One request of a project's financial set-up (montage financier) to one source. Money in cents. */
@Entity('funding_requests')
@Check('ck_funding_requests_amounts', FUNDING_AMOUNTS_CHECK)
export class FundingRequest {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_funding_requests_project')
  @ForeignKey(() => Project)
  @Column({ type: 'integer' })
  projectId: number;
  @Index('ix_funding_requests_source')
  @ForeignKey(() => FinancingSource)
  @Column({ type: 'varchar', length: 40 })
  sourceCode: string;
  @Column({ type: 'varchar', length: 20 }) instrument: FundingInstrument;
  @Column({ type: 'integer' }) requestedCents: number;
  /** Set once the source decided for it (granted, then paid); null before and when refused. */
  @Column({ type: 'integer', nullable: true }) grantedCents: number | null;
  @Column({ type: 'varchar', length: 20 }) status: FundingStatus;
  /** Calendar dates (YYYY-MM-DD), Montréal's: sent to the source, its answer, the money received. */
  @Column({ type: 'date', nullable: true }) submittedOn: string | null;
  @Column({ type: 'date', nullable: true }) decidedOn: string | null;
  @Column({ type: 'date', nullable: true }) paidOn: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  recordedById: number | null;
  /** Demo stand-ins: invented amounts for the demo's projects. */
  @Column({ type: 'boolean', default: false }) demo: boolean;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
