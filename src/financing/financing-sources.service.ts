import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import { copiesOf, listChanges } from '../audit/list-changes.js';
import { badRequest } from '../common/bad-request.js';
import { conflict, notFound, unprocessable } from '../common/domain-error.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { CreateFinancingSourceDto, UpdateFinancingSourceDto } from './dto/financing-source.dto.js';
import { FinancingSource } from './financing-source.entity.js';
import { FundingRequest } from './funding-request.entity.js';

/** The sources of money requests name: seeded by the migration, then shaped by admins, like stages. */
@Injectable()
export class FinancingSourcesService {
  constructor(
    @InjectRepository(FinancingSource) private readonly sources: Repository<FinancingSource>,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  list(manager: EntityManager = this.sources.manager): Promise<FinancingSource[]> {
    return manager.find(FinancingSource, { order: { position: 'ASC' } });
  }

  async create(actor: AuditActor, input: CreateFinancingSourceDto): Promise<FinancingSource> {
    return this.transactions.run(async (manager) => {
      const sources = await this.list(manager);
      const read = copiesOf(sources);
      if (sources.some((s) => s.code === input.code)) throw conflict(`A financing source ${input.code} already exists`);
      const source = manager.create(FinancingSource, {
        code: input.code,
        labelFr: input.labelFr,
        labelEn: input.labelEn,
        active: true,
      });
      await this.place(manager, sources, source, input.position ?? sources.length + 1);
      await this.audit.recordAll(manager, actor, listChanges('financing_source', byCode, read, [...sources, source]));
      return source;
    });
  }

  async update(actor: AuditActor, code: string, input: UpdateFinancingSourceDto): Promise<FinancingSource> {
    return this.transactions.run(async (manager) => {
      const sources = await this.list(manager);
      const read = copiesOf(sources);
      const source = sources.find((s) => s.code === code);
      if (!source) throw notFound('Financing source', code);
      if (input.labelFr !== undefined) source.labelFr = input.labelFr;
      if (input.labelEn !== undefined) source.labelEn = input.labelEn;
      if (input.active !== undefined) source.active = input.active;
      const others = sources.filter((s) => s.code !== code);
      await this.place(manager, others, source, input.position ?? source.position);
      await this.audit.recordAll(manager, actor, listChanges('financing_source', byCode, read, sources));
      return source;
    });
  }

  async delete(actor: AuditActor, code: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const sources = await this.list(manager);
      const read = copiesOf(sources);
      const source = sources.find((s) => s.code === code);
      if (!source) throw notFound('Financing source', code);
      // Requests refer to their source: a used one stays, and is retired instead.
      if (await manager.existsBy(FundingRequest, { sourceCode: code }))
        throw conflict(`Financing source ${code} is named by funding requests; retire it with active=false instead`);
      await manager.delete(FinancingSource, { code });
      const others = sources.filter((s) => s.code !== code);
      await this.renumber(manager, others);
      await this.audit.recordAll(manager, actor, listChanges('financing_source', byCode, read, others));
    });
  }

  /** For a request that names a source: an unknown or retired one is bad input on the field. */
  async requireActive(manager: EntityManager, code: string): Promise<FinancingSource> {
    const source = await manager.findOneBy(FinancingSource, { code });
    if (source?.active) return source;
    const active = (await this.list(manager)).filter((s) => s.active).map((s) => s.code);
    const problem = source
      ? `sourceCode ${code} is retired and takes no new requests; the active sources are ${active.join(', ')}`
      : `sourceCode ${code} is not a financing source; the active sources are ${active.join(', ')}`;
    throw badRequest(`Invalid input: ${problem}`, [{ field: 'sourceCode', problems: [problem] }]);
  }

  /** Puts `source` at `position` among the others, and numbers them all 1 to n. */
  private async place(manager: EntityManager, others: FinancingSource[], source: FinancingSource, position: number) {
    if (position > others.length + 1) throw unprocessable(`position must be between 1 and ${others.length + 1}`);
    const ordered = [...others];
    ordered.splice(position - 1, 0, source);
    await this.renumber(manager, ordered);
  }

  private async renumber(manager: EntityManager, ordered: FinancingSource[]) {
    ordered.forEach((source, index) => (source.position = index + 1));
    await manager.save(FinancingSource, ordered);
  }
}

const byCode = (source: FinancingSource) => source.code;
