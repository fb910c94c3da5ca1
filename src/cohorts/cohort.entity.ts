import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const DELIVERY_MODES = ['in_person', 'remote', 'hybrid'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

@Entity('cohorts')
export class Cohort {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar' }) programCode: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar' }) label: string;
  /** Calendar dates (YYYY-MM-DD), not instants: a cohort starts on a day, wherever one reads it. */
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'varchar' }) deliveryMode: DeliveryMode;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
