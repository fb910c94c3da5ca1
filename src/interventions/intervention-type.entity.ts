import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InterventionFamily } from './intervention-family.entity.js';

/** A kind of work an advisor records time for; retired (not deleted) once time entries use it. */
@Entity('intervention_types')
export class InterventionType {
  /** Stable: time entries refer to a type by its code, so it never changes. */
  @PrimaryColumn({ type: 'varchar', length: 60 }) code: string;
  @Index('ix_intervention_types_family')
  @ForeignKey(() => InterventionFamily)
  @Column({ type: 'varchar', length: 60 })
  familyCode: string;
  @Column({ type: 'varchar', length: 200 }) labelFr: string;
  @Column({ type: 'varchar', length: 200 }) labelEn: string;
  /** Place within its family, 1 to n. */
  @Column({ type: 'integer' }) position: number;
  /** False once retired: listed, and kept on past entries, but refused on new ones. */
  @Column({ type: 'boolean', default: true }) active: boolean;
}
