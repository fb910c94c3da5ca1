import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last computed figures of one scope, stored so that reading them is one indexed read. */
@Entity('figure_snapshots')
export class FigureSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 120 }) scope: string;
  /** The figures as JSON text: their shape is the API's, not the table's. */
  @Column({ type: 'text' }) payload: string;
  /** The scope's recompute generation the figures reflect; an older computation never overwrites a newer one. */
  @Column({ type: 'integer' }) generation: number;
  @Column() computedAt: Date;
}
