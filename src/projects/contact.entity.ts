import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from './project.entity.js';
import type { Language } from '../users/user.entity.js';

/** A person on a project's team. Personal information (Law 25): shown to staff only. */
@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_contacts_project')
  @ForeignKey(() => Project, { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  projectId: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Index('ix_contacts_email')
  @Column({ type: 'varchar', length: 254 })
  email: string;
  @Column({ type: 'varchar', length: 2, default: 'fr' }) language: Language;
  /** What the person agreed their information is used for, and when (Law 25), when known. */
  @Column({ type: 'varchar', length: 500, nullable: true }) consentPurpose: string | null;
  @Column({ type: 'date', nullable: true }) consentOn: string | null;
  @CreateDateColumn() createdAt: Date;
}
