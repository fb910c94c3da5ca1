import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A figure scope whose recompute fails, kept until a recompute of it succeeds. Bull retries a
 * failed job; once its attempts are exhausted (or the nightly full recompute fails on the scope)
 * the failure is final for the scope's generation then: the relay hands the scope again only
 * after a newer change bumps its generation past `failedGeneration`.
 */
@Entity('figure_failures')
export class FigureFailure {
  @PrimaryColumn({ type: 'varchar', length: 120 }) scope: string;
  /** The last error's message. */
  @Column({ type: 'text' }) error: string;
  /** The first failure since the scope last computed. */
  @Column() failingSince: Date;
  @Column() lastFailedAt: Date;
  /** Failed attempts since `failingSince`, over every job and full recompute. */
  @Column({ type: 'integer', default: 0 }) attempts: number;
  /** The generation that failed for good; null while Bull still retries. */
  @Column({ type: 'integer', nullable: true }) failedGeneration: number | null;
}
