import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';
import type { AuditAction, AuditedEntity } from './audited-entities.js';

/** The fields of an entity as the trail keeps them: JSON values, dates as ISO text. */
export type AuditFields = Record<string, unknown>;

/**
 * One change of one entity: who made it, when, and its fields before and after (a creation has
 * no before, a deletion no after; a change keeps only the fields that changed). Written in the
 * transaction of the change, so a refused change leaves none.
 */
@Entity('audit_entries')
@Index('ix_audit_entries_entity', ['entity', 'entityId', 'id'])
@Index('ix_audit_entries_user', ['userId', 'id'])
@Index('ix_audit_entries_project', ['projectId', 'id'])
@Index('ix_audit_entries_occurred', ['occurredAt', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column() occurredAt: Date;
  /** Who; null when the service did it itself (a schedule, the retention of contacts). */
  @ForeignKey(() => User)
  @Column({ type: 'integer', nullable: true })
  userId: number | null;
  @Column({ type: 'varchar', length: 30 }) entity: AuditedEntity;
  /** Text, since a program is known by its code. */
  @Column({ type: 'varchar', length: 100 }) entityId: string;
  /** The project the entity belongs to, when it belongs to one: a project's history in one filter. */
  @Column({ type: 'integer', nullable: true }) projectId: number | null;
  @Column({ type: 'varchar', length: 10 }) action: AuditAction;
  @Column({ type: 'text', nullable: true }) before: string | null;
  @Column({ type: 'text', nullable: true }) after: string | null;
}
