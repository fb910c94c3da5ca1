import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import type { Page, PageQuery } from '../common/pagination.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { User } from '../users/user.entity.js';
import { ImportLogEntry } from './import-log.entity.js';
import type { ImportReport } from './imports.service.js';

export type ImportLogView = Omit<ImportLogEntry, 'userId'> & {
  user: { id: number; name: string; email: string } | null;
};

/** Who sent which file to the import, and what it did: checked only, refused, or applied. */
@Injectable()
export class ImportLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async record(actor: AuthenticatedUser, report: ImportReport): Promise<void> {
    // A refused file did nothing: its counts are what it would have done, not what it did.
    const did = (count: number) => (report.accepted ? count : 0);
    await this.transactions.run((manager) =>
      manager.insert(ImportLogEntry, {
        userId: actor.id,
        filename: report.filename.slice(0, 255),
        dryRun: report.dryRun,
        accepted: report.accepted,
        rows: report.rows,
        problems: report.problems.length + report.problemsNotListed,
        cohortsCreated: did(report.cohortsCreated),
        projectsCreated: did(report.projectsCreated),
        projectsChanged: did(report.projectsChanged),
        movesCreated: did(report.movesCreated),
        createdAt: this.clock.now(),
      }),
    );
  }

  async list(query: PageQuery): Promise<Page<ImportLogView>> {
    const manager = this.dataSource.manager;
    const [entries, total] = await manager.findAndCount(ImportLogEntry, {
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const userIds = [...new Set(entries.map((e) => e.userId))];
    const users = userIds.length ? await manager.createQueryBuilder(User, 'u').whereInIds(userIds).getMany() : [];
    const byId = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
    const items = entries.map(({ userId, ...entry }) => ({ ...entry, user: byId.get(userId) ?? null }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
