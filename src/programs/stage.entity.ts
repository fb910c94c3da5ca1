import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MILESTONES = ['met', 'engaged', 'training_completed', 'incorporated', 'operating'] as const;
export type Milestone = (typeof MILESTONES)[number];

@Entity('stages')
export class Stage {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar' }) programCode: string;
  /** Stable: history and enrollments refer to a stage by its code, so it never changes. */
  @Column({ type: 'varchar' }) code: string;
  @Column({ type: 'varchar' }) labelFr: string;
  @Column({ type: 'varchar' }) labelEn: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', nullable: true }) milestone: Milestone | null;
  @Column({ type: 'integer', nullable: true }) staleAfterDays: number | null;
}
