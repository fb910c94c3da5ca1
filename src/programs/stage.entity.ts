import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Program } from './program.entity.js';

export const MILESTONES = ['met', 'engaged', 'training_completed', 'incorporated', 'operating'] as const;
export type Milestone = (typeof MILESTONES)[number];

@Entity('stages')
@Unique('uq_stages_program_code', ['programCode', 'code'])
export class Stage {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => Program)
  @Column({ type: 'varchar', length: 40 })
  programCode: string;
  /** Stable: history and enrollments refer to a stage by its code, so it never changes. */
  @Column({ type: 'varchar', length: 60 }) code: string;
  @Column({ type: 'varchar', length: 200 }) labelFr: string;
  @Column({ type: 'varchar', length: 200 }) labelEn: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) milestone: Milestone | null;
  @Column({ type: 'integer', nullable: true }) staleAfterDays: number | null;
}
