import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'coordinator', 'advisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 254, unique: true }) email: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 20 }) role: Role;
  @Column({ type: 'varchar', length: 2, default: 'fr' }) language: Language;
  // Never selected unless asked for: a user row must not carry its hash into a response.
  @Column({ type: 'varchar', length: 255, select: false }) passwordHash: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  // Bumped when the password changes: tokens that carry an older one are refused.
  @Column({ type: 'integer', select: false, default: 0 }) tokenVersion: number;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}
