import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { badRequest } from '../common/bad-request.js';
import { Clock } from '../common/clock.js';
import { notFound, unprocessable } from '../common/domain-error.js';
import { localDateOf } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { Organization } from '../organizations/organization.entity.js';
import { assertCanChange } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';
import type { RecordProjectJobsDto, RecordWorkersDto } from './dto/job-count.dto.js';
import type { JobCountResponse, OrganizationJobsResponse, ProjectJobsResponse } from './dto/job-count.response.js';
import { hasReachedIncorporated } from '../projects/incorporation.js';
import { JobCount, type JobKind } from './job-count.entity.js';

export type NewJobCount = Pick<JobCount, 'kind' | 'jobs' | 'countedOn'> &
  Partial<Pick<JobCount, 'projectId' | 'organizationId' | 'transitionId'>>;

/** Jobs created, maintained and a co-op's workers: dated counts, the latest of a kind being the figure. */
@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async recordForProject(actor: AuthenticatedUser, projectId: number, dto: RecordProjectJobsDto) {
    const countedOn = this.countedOn(dto.countedOn);
    await this.transactions.run(async (manager) => {
      const project = await manager.findOneBy(Project, { id: projectId });
      if (!project) throw notFound('Project', projectId);
      assertCanChange(actor, project);
      if (dto.kind === 'maintained' && project.kind !== 'transfer') {
        throw unprocessable(`Project ${projectId} is a start-up: only a takeover (kind transfer) maintains jobs`);
      }
      if (!(await hasReachedIncorporated(manager, projectId))) {
        throw unprocessable(
          `Project ${projectId} has not reached its incorporated milestone: jobs are counted when it incorporates`,
        );
      }
      await this.insert(manager, actor, [{ kind: dto.kind, projectId, jobs: dto.jobs, countedOn }]);
    });
    return this.ofProject(projectId);
  }

  async recordForOrganization(actor: AuthenticatedUser, organizationId: number, dto: RecordWorkersDto) {
    const countedOn = this.countedOn(dto.countedOn);
    await this.transactions.run(async (manager) => {
      if (!(await manager.existsBy(Organization, { id: organizationId }))) throw notFound('Co-op', organizationId);
      await this.insert(manager, actor, [{ kind: 'workers', organizationId, jobs: dto.workers, countedOn }]);
    });
    return this.ofOrganization(organizationId);
  }

  async ofProject(projectId: number): Promise<ProjectJobsResponse> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    const counts = await this.counts(manager, { projectId });
    return {
      projectId,
      created: latestOf(counts, 'created'),
      maintained: latestOf(counts, 'maintained'),
      workers: latestOf(counts, 'workers'),
      counts,
    };
  }

  async ofOrganization(organizationId: number): Promise<OrganizationJobsResponse> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Organization, { id: organizationId }))) throw notFound('Co-op', organizationId);
    const counts = await this.counts(manager, { organizationId });
    return { organizationId, workers: latestOf(counts, 'workers'), counts };
  }

  /**
   * Records counts in one statement, and in the audit trail; `transitionId` when a move carried one
   * (same transaction as the move). Every caller (a move, a check-in closed) comes through here.
   */
  async insert(manager: EntityManager, actor: AuthenticatedUser, counts: NewJobCount[]): Promise<void> {
    if (counts.length === 0) return;
    const recordedAt = this.clock.now();
    const rows = counts.map((count) => ({
      projectId: null,
      organizationId: null,
      transitionId: null,
      ...count,
      recordedBy: actor.id,
      recordedAt,
      demo: false,
    }));
    const { identifiers } = await manager.insert(JobCount, rows);
    await this.audit.recordAll(
      manager,
      actor,
      rows.map((row, i) => ({
        entity: 'job_count',
        id: Number((identifiers[i] as { id: unknown }).id),
        projectId: row.projectId,
        after: row,
      })),
    );
  }

  /** The date a count holds for: today in Montréal when not given, never a day still to come. */
  private countedOn(given: string | undefined): string {
    const today = localDateOf(this.clock.now());
    if (given !== undefined && given > today) {
      throw badRequest(`Invalid input: countedOn ${given} is in the future (today is ${today})`, [
        { field: 'countedOn', problems: [`countedOn must not be after today (${today})`] },
      ]);
    }
    return given ?? today;
  }

  private async counts(
    manager: EntityManager,
    where: { projectId: number } | { organizationId: number },
  ): Promise<JobCountResponse[]> {
    const rows = await manager.find(JobCount, { where, order: { countedOn: 'DESC', id: 'DESC' } });
    const recorders = [...new Set(rows.map((r) => r.recordedBy))];
    const names = new Map(
      recorders.length === 0
        ? []
        : (await manager.find(User, { select: { id: true, name: true }, where: { id: In(recorders) } })).map((u) => [
            u.id,
            u.name,
          ]),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      jobs: row.jobs,
      countedOn: row.countedOn,
      transitionId: row.transitionId,
      recordedBy: { id: row.recordedBy, name: names.get(row.recordedBy) ?? '' },
      recordedAt: row.recordedAt,
    }));
  }
}

/** The counts come latest first: the first of a kind is its figure; none recorded is null, not zero. */
function latestOf(counts: JobCountResponse[], kind: JobKind): number | null {
  return counts.find((c) => c.kind === kind)?.jobs ?? null;
}
