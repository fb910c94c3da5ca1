import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { badRequest } from '../common/bad-request.js';
import type { Page } from '../common/pagination.js';
import { parseInstant, parseInstantEnd } from '../common/time.js';
import { User } from '../users/user.entity.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditedEntity } from './audited-entities.js';
import type { AuditEntryResponse } from './dto/audit-entry.response.js';
import type { AuditQuery } from './dto/audit.query.js';

/** Reads the audit trail for coordinators and admins: newest first, filtered, paged. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<Page<AuditEntryResponse>> {
    if (query.id !== undefined && query.entity === undefined)
      throw badRequest('id names an entity of the kind given by entity: give entity too');
    const from = query.from === undefined ? undefined : parseInstant(query.from)!;
    const to = query.to === undefined ? undefined : parseInstantEnd(query.to)!;
    if (from && to && from.getTime() >= to.getTime())
      throw badRequest(`from (${query.from}) must come before to (${query.to})`);
    const builder = this.dataSource.manager.createQueryBuilder(AuditEntry, 'a');
    if (query.entity) builder.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.id !== undefined) builder.andWhere('a.entityId = :entityId', { entityId: query.id });
    if (query.userId) builder.andWhere('a.userId = :userId', { userId: query.userId });
    if (query.projectId) builder.andWhere('a.projectId = :projectId', { projectId: query.projectId });
    if (from) builder.andWhere('a.occurredAt >= :from', { from });
    if (to) builder.andWhere('a.occurredAt < :to', { to });
    builder
      .orderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [entries, total] = await builder.getManyAndCount();
    const items = await this.views(this.dataSource.manager, entries);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Every entry about these entities of one kind, oldest first: what the trail holds about them. */
  async about(
    entity: AuditedEntity,
    ids: (number | string)[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuditEntryResponse[]> {
    if (ids.length === 0) return [];
    const entries = await manager.find(AuditEntry, {
      where: { entity, entityId: In(ids.map(String)) },
      order: { id: 'ASC' },
    });
    return this.views(manager, entries);
  }

  private async views(manager: EntityManager, entries: AuditEntry[]): Promise<AuditEntryResponse[]> {
    const userIds = [...new Set(entries.map((e) => e.userId).filter((id) => id !== null))];
    const users = userIds.length ? await manager.findBy(User, { id: In(userIds) }) : [];
    const byId = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
    return entries.map(({ userId, before, after, ...entry }) => ({
      ...entry,
      user: userId === null ? null : (byId.get(userId) ?? null),
      before: before === null ? null : (JSON.parse(before) as Record<string, unknown>),
      after: after === null ? null : (JSON.parse(after) as Record<string, unknown>),
    }));
  }
}
