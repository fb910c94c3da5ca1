import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import type { Page, PageQuery } from '../common/pagination.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { User } from '../users/user.entity.js';
import type { ExportFormat, ExportLang } from './export-format.js';
import { ExportLogEntry, type ExportKind } from './export-log.entity.js';

export interface ExportRequest {
  kind: ExportKind;
  target: string;
  format: ExportFormat;
  lang: ExportLang;
  includeContacts: boolean;
}

export interface ExportLogView {
  id: number;
  user: { id: number; name: string; email: string } | null;
  kind: ExportKind;
  target: string;
  format: string;
  includeContacts: boolean;
  lang: string;
  createdAt: Date;
}

/** Who took which export, and when: exports can carry personal information (Law 25). */
@Injectable()
export class ExportLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async record(user: AuthenticatedUser, request: ExportRequest): Promise<void> {
    // Through the runner: on SQLite a write outside it could land inside someone else's transaction.
    await this.transactions.run((manager) =>
      manager.insert(ExportLogEntry, { userId: user.id, ...request, createdAt: this.clock.now() }),
    );
  }

  async list(query: PageQuery): Promise<Page<ExportLogView>> {
    const [entries, total] = await this.dataSource.manager.findAndCount(ExportLogEntry, {
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const userIds = [...new Set(entries.map((e) => e.userId))];
    const users = userIds.length
      ? await this.dataSource.manager.createQueryBuilder(User, 'u').whereInIds(userIds).getMany()
      : [];
    const byId = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
    const items = entries.map(({ userId, ...entry }) => ({ ...entry, user: byId.get(userId) ?? null }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Law 25: the cohort exports that carried contacts of these cohorts, oldest first, with who took
   * each. Such a file may hold a person on a project of the cohort.
   */
  async cohortExportsWithContacts(cohortIds: number[], manager: EntityManager = this.dataSource.manager) {
    if (cohortIds.length === 0) return [];
    const entries = await manager.find(ExportLogEntry, {
      where: { kind: 'cohort', includeContacts: true, target: In(cohortIds.map(String)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const userIds = [...new Set(entries.map((e) => e.userId))];
    const users = userIds.length ? await manager.find(User, { where: { id: In(userIds) } }) : [];
    const byId = new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
    return entries.map((entry) => ({
      id: entry.id,
      cohortId: Number(entry.target),
      format: entry.format,
      takenBy: byId.get(entry.userId) ?? null,
      createdAt: entry.createdAt,
    }));
  }
}
