import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a family's work is done for: existing co-ops (advisory services) or projects (accompaniment). */
export const INTERVENTION_TARGETS = ['organization', 'project'] as const;
export type InterventionTarget = (typeof INTERVENTION_TARGETS)[number];

/** A family of intervention types, as the annual report groups them (domain.md, "Accompaniment work"). */
@Entity('intervention_families')
export class InterventionFamily {
  /** Stable: reports group hours by it. */
  @PrimaryColumn({ type: 'varchar', length: 60 }) code: string;
  @Column({ type: 'varchar', length: 200 }) labelFr: string;
  @Column({ type: 'varchar', length: 200 }) labelEn: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', length: 20 }) serves: InterventionTarget;
}
