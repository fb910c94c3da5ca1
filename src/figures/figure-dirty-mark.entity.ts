import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The recompute state of one figure scope, and the outbox the relay hands to the queue.
 *
 * A change that makes figures stale bumps `generation` in its own transaction, so the work is
 * recorded even when Redis is away; a burst of moves in one cohort bumps one row. A job that
 * recomputes the scope records the generation it saw in `computedGeneration`. The scope is
 * pending while generation > computedGeneration. Rows are kept, so generations only grow.
 */
@Entity('figure_dirty_marks')
export class FigureDirtyMark {
  @PrimaryColumn({ type: 'varchar', length: 120 }) scope: string;
  @Column({ type: 'integer' }) generation: number;
  @Column({ type: 'integer', default: 0 }) computedGeneration: number;
  /** Since when the scope has waited for a recompute. */
  @Column() pendingSince: Date;
  /** What the relay last handed to the queue, and when: lets it tell lost jobs from slow ones. */
  @Column({ type: 'integer', nullable: true }) handedGeneration: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) handedJobId: string | null;
  @Column({ type: Date, nullable: true }) handedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) handCount: number;
}
