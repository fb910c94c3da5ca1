import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** One file someone sent to the import, checked or applied: who, when, which file, what it did. */
@Entity('import_log')
@Index('ix_import_log_created', ['createdAt', 'id'])
export class ImportLogEntry {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => User)
  @Column({ type: 'integer' })
  userId: number;
  @Column({ type: 'varchar', length: 255 }) filename: string;
  @Column({ type: 'boolean' }) dryRun: boolean;
  /** Whether the file was taken: false when it had problems, and then nothing was written. */
  @Column({ type: 'boolean' }) accepted: boolean;
  @Column({ type: 'integer' }) rows: number;
  @Column({ type: 'integer' }) problems: number;
  @Column({ type: 'integer' }) cohortsCreated: number;
  @Column({ type: 'integer' }) projectsCreated: number;
  @Column({ type: 'integer' }) projectsChanged: number;
  @Column({ type: 'integer' }) movesCreated: number;
  @Column() createdAt: Date;
}
