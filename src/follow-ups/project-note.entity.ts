import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Project } from '../projects/project.entity.js';

/** Something an advisor notes about a project ("the bank asked for a new forecast"): it counts as activity. */
@Entity('project_notes')
@Index('ix_project_notes_project', ['projectId', 'createdAt'])
export class ProjectNote {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => Project)
  @Column({ type: 'integer' })
  projectId: number;
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  authorId: number | null;
  @Column({ type: 'text' }) body: string;
  @CreateDateColumn() createdAt: Date;
}
