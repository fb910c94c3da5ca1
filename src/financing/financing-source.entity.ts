import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a project asks for money (a credit union, the federation's patient-loan fund...): a list admins keep. */
@Entity('financing_sources')
export class FinancingSource {
  /** Stable: funding requests refer to their source by it, so it never changes. */
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) labelFr: string;
  @Column({ type: 'varchar', length: 200 }) labelEn: string;
  @Column({ type: 'integer' }) position: number;
  /** A retired source stays on the requests that used it, but takes no new ones. */
  @Column({ type: 'boolean', default: true }) active: boolean;
}
