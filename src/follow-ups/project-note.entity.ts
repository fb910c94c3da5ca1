import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something an advisor notes about a project ("the bank asked for a new forecast"): it counts as activity. */
@Entity('project_notes')
export class ProjectNote {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer', nullable: true }) authorId: number | null;
  @Column({ type: 'text' }) body: string;
  @CreateDateColumn() createdAt: Date;
}
