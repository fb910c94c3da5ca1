import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EXPORT_KINDS = ['cohort', 'program-report'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** One export someone took. Exports may carry personal information, so each is recorded. */
@Entity('export_log')
export class ExportLogEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar' }) kind: ExportKind;
  /** What was exported: a cohort id, or program:year for a report. */
  @Column({ type: 'varchar' }) target: string;
  @Column({ type: 'varchar' }) format: string;
  @Column({ type: 'boolean' }) includeContacts: boolean;
  @Column({ type: 'varchar' }) lang: string;
  @Column() createdAt: Date;
}
