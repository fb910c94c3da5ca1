import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { localDateOf } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { assertCanChange } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { ProjectsService } from '../projects/projects.service.js';
import type { CreateFundingRequestDto, UpdateFundingRequestDto } from './dto/funding-request.dto.js';
import { FinancingSourcesService } from './financing-sources.service.js';
import { fundingRequestViews, type FundingRequestView } from './funding-request-views.js';
import { FundingRequest } from './funding-request.entity.js';
import { allowedDates, assertConsistent, FUNDING_DATES, takesGrantedAmount } from './funding-rules.js';
import { financingOf, type ProjectFinancing } from './project-financing.js';

/**
 * The funding requests of projects' financial set-ups. Everyone reads them (viewers without the
 * notes); those who may change the project (project-access.ts) write them.
 */
@Injectable()
export class FundingRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly projects: ProjectsService,
    private readonly sources: FinancingSourcesService,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    actor: AuthenticatedUser,
    projectId: number,
    input: CreateFundingRequestDto,
  ): Promise<FundingRequestView> {
    const id = await this.transactions.run(async (manager) => {
      assertCanChange(actor, await this.projects.lockProject(manager, projectId));
      await this.sources.requireActive(manager, input.sourceCode);
      const request = manager.create(FundingRequest, {
        projectId,
        sourceCode: input.sourceCode,
        instrument: input.instrument,
        requestedCents: input.requestedCents,
        grantedCents: input.grantedCents ?? null,
        status: input.status,
        submittedOn: input.submittedOn ?? null,
        decidedOn: input.decidedOn ?? null,
        paidOn: input.paidOn ?? null,
        note: input.note ?? null,
        recordedById: actor.id,
        demo: false,
      });
      assertConsistent(request, this.today());
      const saved = await manager.save(request);
      await this.audit.record(manager, actor, { entity: 'funding_request', id: saved.id, projectId, after: saved });
      await this.projects.recordActivity(manager, projectId);
      return saved.id;
    });
    return this.get(actor, id);
  }

  async listForProject(
    reader: AuthenticatedUser,
    projectId: number,
  ): Promise<{ items: FundingRequestView[]; financing: ProjectFinancing }> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    const requests = await manager.find(FundingRequest, { where: { projectId }, order: { id: 'ASC' } });
    return {
      items: await fundingRequestViews(manager, requests, reader),
      financing: (await financingOf(manager, [projectId])).get(projectId)!,
    };
  }

  async update(actor: AuthenticatedUser, id: number, input: UpdateFundingRequestDto): Promise<FundingRequestView> {
    await this.transactions.run(async (manager) => {
      const request = await this.lockForChange(manager, actor, id);
      if (input.sourceCode !== undefined && input.sourceCode !== request.sourceCode)
        await this.sources.requireActive(manager, input.sourceCode);
      const status = input.status ?? request.status;
      // A new status drops what it does not take (an amount granted, later steps' dates), unless sent:
      // what is sent is checked as it is.
      const statusChanged = status !== request.status;
      const kept = <T>(sent: T | undefined, current: T | null, takes: boolean): T | null =>
        sent !== undefined ? sent : statusChanged && !takes ? null : current;
      const changed: FundingRequest = {
        ...request,
        sourceCode: input.sourceCode ?? request.sourceCode,
        instrument: input.instrument ?? request.instrument,
        requestedCents: input.requestedCents ?? request.requestedCents,
        status,
        grantedCents: kept(input.grantedCents, request.grantedCents, takesGrantedAmount(status)),
        note: input.note !== undefined ? input.note : request.note,
      };
      for (const field of FUNDING_DATES)
        changed[field] = kept(input[field], request[field], allowedDates(status).includes(field));
      assertConsistent(changed, this.today());
      const { id: _, createdAt: _created, updatedAt: _updated, ...columns } = changed;
      await manager.update(FundingRequest, { id }, columns);
      await this.audit.record(manager, actor, {
        entity: 'funding_request',
        id,
        projectId: request.projectId,
        before: request,
        after: columns,
      });
      await this.projects.recordActivity(manager, request.projectId);
    });
    return this.get(actor, id);
  }

  async delete(actor: AuthenticatedUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const request = await this.lockForChange(manager, actor, id);
      await manager.delete(FundingRequest, { id });
      await this.audit.record(manager, actor, {
        entity: 'funding_request',
        id,
        projectId: request.projectId,
        before: request,
        after: null,
      });
    });
  }

  private async get(reader: AuthenticatedUser, id: number): Promise<FundingRequestView> {
    const request = await this.dataSource.manager.findOneBy(FundingRequest, { id });
    if (!request) throw notFound('Funding request', id);
    return (await fundingRequestViews(this.dataSource.manager, [request], reader))[0];
  }

  /** The request, once its project is held and the actor may change it: one change of a project at a time. */
  private async lockForChange(manager: EntityManager, actor: AuthenticatedUser, id: number): Promise<FundingRequest> {
    const found = await manager.findOneBy(FundingRequest, { id });
    if (!found) throw notFound('Funding request', id);
    assertCanChange(actor, await this.projects.lockProject(manager, found.projectId));
    // Read again under the project's lock: a change that committed meanwhile is not lost.
    const request = await manager.findOneBy(FundingRequest, { id });
    if (!request) throw notFound('Funding request', id);
    return request;
  }

  private today(): string {
    return localDateOf(this.clock.now());
  }
}
