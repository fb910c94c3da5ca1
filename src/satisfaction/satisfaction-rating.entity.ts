import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const LOWEST_RATING = 1;
export const HIGHEST_RATING = 5;

/** One participant's rating of a cohort, 1 to 5. Kept whole so the shares can be recounted any way. */
@Entity('satisfaction_ratings')
export class SatisfactionRating {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) cohortId: number;
  @Column({ type: 'integer' }) rating: number;
  /** A label the coordinator chooses (a form number, initials); not required, to collect less. */
  @Column({ type: 'varchar', nullable: true }) respondent: string | null;
  @Column({ type: 'boolean' }) demo: boolean;
  @Column({ type: 'integer', nullable: true }) recordedBy: number | null;
  @Column() recordedAt: Date;
}
