import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../users/user.entity.js';

/** A person on a project's team. Personal information (Law 25): shown to staff only. */
@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar' }) name: string;
  @Column({ type: 'varchar' }) email: string;
  @Column({ type: 'varchar' }) language: Language;
  @CreateDateColumn() createdAt: Date;
}
