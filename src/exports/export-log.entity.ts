import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

export const EXPORT_KINDS = [
  'cohort',
  'program-report',
  'financing-report',
  'advisory-report',
  'funder-report',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** One export someone took. Exports may carry personal information, so each is recorded. */
@Entity('export_log')
@Index('ix_export_log_created', ['createdAt', 'id'])
export class ExportLogEntry {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => User)
  @Column({ type: 'integer' })
  userId: number;
  @Column({ type: 'varchar', length: 30 }) kind: ExportKind;
  /** What was exported: a cohort id, or program:year for a report. */
  @Column({ type: 'varchar', length: 120 }) target: string;
  @Column({ type: 'varchar', length: 10 }) format: string;
  @Column({ type: 'boolean', default: false }) includeContacts: boolean;
  @Column({ type: 'varchar', length: 2 }) lang: string;
  @Column() createdAt: Date;
}
