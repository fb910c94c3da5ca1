import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Cohort } from '../cohorts/cohort.entity.js';

export const LOWEST_RATING = 1;
export const HIGHEST_RATING = 5;

/** One participant's rating of a cohort, 1 to 5. Kept whole so the shares can be recounted any way. */
@Entity('satisfaction_ratings')
@Check('ck_satisfaction_ratings_rating', 'rating BETWEEN 1 AND 5')
export class SatisfactionRating {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_satisfaction_ratings_cohort')
  @ForeignKey(() => Cohort)
  @Column({ type: 'integer' })
  cohortId: number;
  @Column({ type: 'integer' }) rating: number;
  /** A label the coordinator chooses (a form number, initials); not required, to collect less. */
  @Column({ type: 'varchar', length: 200, nullable: true }) respondent: string | null;
  @Column({ type: 'boolean', default: false }) demo: boolean;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  recordedBy: number | null;
  @Column() recordedAt: Date;
}
