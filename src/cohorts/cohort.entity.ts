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
import { Program } from '../programs/program.entity.js';

export const DELIVERY_MODES = ['in_person', 'remote', 'hybrid'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

@Entity('cohorts')
@Unique('uq_cohorts_program_number', ['programCode', 'number'])
export class Cohort {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => Program)
  @Column({ type: 'varchar', length: 40 })
  programCode: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar', length: 200 }) label: string;
  /** Calendar dates (YYYY-MM-DD), not instants: a cohort starts on a day, wherever one reads it. */
  @Index('ix_cohorts_starts_on')
  @Column({ type: 'date' })
  startsOn: string;
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'varchar', length: 20 }) deliveryMode: DeliveryMode;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
