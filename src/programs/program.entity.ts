import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('programs')
export class Program {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) nameFr: string;
  @Column({ type: 'varchar', length: 200 }) nameEn: string;
  /** Cohort programs (Parcours) enrol projects in numbered cohorts; accompaniment counts per year. */
  @Column({ type: 'boolean' }) usesCohorts: boolean;
  @Column({ type: 'integer' }) position: number;
  /** Days after a cohort ends when its active projects get a check-in (cohort programs only). */
  @Column({
    type: 'varchar',
    length: 100,
    default: '30,90,180',
    transformer: {
      to: (days: number[]) => days.join(','),
      from: (text: string) => (text ? text.split(',').map(Number) : []),
    },
  })
  checkInOffsets: number[];
}
