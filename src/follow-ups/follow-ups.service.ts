import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound, unprocessable } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { localDateOf } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { JobsService } from '../jobs/jobs.service.js';
import { assertCanChange } from '../projects/project-access.js';
import { ProjectsService } from '../projects/projects.service.js';
import { User } from '../users/user.entity.js';
import type { CreateFollowUpDto, ListFollowUpsQuery, UpdateFollowUpDto } from './dto/follow-up.dto.js';
import { followUpViews, type FollowUpView } from './follow-up-views.js';
import { FollowUp } from './follow-up.entity.js';

/** Follow-up tasks. Advisors see and change their own; coordinators and admins see and change all. */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly projects: ProjectsService,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly audit: AuditTrail,
  ) {}

  async create(actor: AuthenticatedUser, projectId: number, input: CreateFollowUpDto): Promise<FollowUpView> {
    const id = await this.transactions.run(async (manager) => {
      const project = await this.projects.lockProject(manager, projectId);
      assertCanChange(actor, project);
      const assigneeId = input.assigneeId ?? project.advisorId;
      if (assigneeId === null)
        throw unprocessable(`Project ${projectId} has no advisor: say who the task is for with assigneeId`);
      if (assigneeId !== actor.id && !isManager(actor))
        throw forbidden('An advisor writes tasks for themselves; a coordinator assigns them to others');
      await this.requireStaff(manager, assigneeId);
      const followUp = await manager.save(
        manager.create(FollowUp, {
          projectId,
          assigneeId,
          dueOn: input.dueOn,
          note: input.note,
          kind: 'task',
          sourceKey: null,
          createdById: actor.id,
          doneAt: null,
          doneById: null,
          outcome: null,
        }),
      );
      await this.audit.record(manager, actor, { entity: 'follow_up', id: followUp.id, projectId, after: followUp });
      await this.projects.recordActivity(manager, projectId);
      return followUp.id;
    });
    return this.get(actor, id);
  }

  async get(actor: AuthenticatedUser, id: number): Promise<FollowUpView> {
    const followUp = await this.dataSource.manager.findOneBy(FollowUp, { id });
    if (!followUp) throw notFound('Follow-up', id);
    this.assertCanSee(actor, followUp);
    return (await followUpViews(this.dataSource.manager, [followUp], this.today()))[0];
  }

  async list(actor: AuthenticatedUser, query: ListFollowUpsQuery): Promise<Page<FollowUpView>> {
    const assignee = query.assignee ?? (isManager(actor) ? undefined : 'me');
    const assigneeId =
      assignee === 'me' ? actor.id : assignee === 'none' || assignee === undefined ? assignee : Number(assignee);
    if (!isManager(actor) && assigneeId !== actor.id)
      throw forbidden("An advisor sees their own tasks (assignee=me); coordinators see everyone's");
    const today = this.today();
    const builder = this.dataSource.manager.createQueryBuilder(FollowUp, 'f');
    if (assigneeId === 'none') builder.andWhere('f.assigneeId IS NULL');
    else if (assigneeId !== undefined) builder.andWhere('f.assigneeId = :assigneeId', { assigneeId });
    if (query.projectId) builder.andWhere('f.projectId = :projectId', { projectId: query.projectId });
    const open = 'f.doneAt IS NULL';
    switch (query.state) {
      case 'done':
        builder.andWhere('f.doneAt IS NOT NULL');
        break;
      case 'open':
        builder.andWhere(open);
        break;
      case 'overdue':
        builder.andWhere(`${open} AND f.dueOn < :today`, { today });
        break;
      case 'due':
        builder.andWhere(`${open} AND f.dueOn = :today`, { today });
        break;
      case 'upcoming':
        builder.andWhere(`${open} AND f.dueOn > :today`, { today });
        break;
    }
    builder
      .orderBy('f.dueOn', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [followUps, total] = await builder.getManyAndCount();
    return {
      items: await followUpViews(this.dataSource.manager, followUps, today),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async update(actor: AuthenticatedUser, id: number, input: UpdateFollowUpDto): Promise<FollowUpView> {
    await this.transactions.run(async (manager) => {
      const followUp = await manager.findOneBy(FollowUp, { id });
      if (!followUp) throw notFound('Follow-up', id);
      this.assertCanSee(actor, followUp);
      const changes: Partial<FollowUp> = {};
      if (input.assigneeId !== undefined && input.assigneeId !== followUp.assigneeId) {
        if (!isManager(actor)) throw forbidden('Only coordinators and admins hand a task to someone else');
        await this.requireStaff(manager, input.assigneeId);
        changes.assigneeId = input.assigneeId;
      }
      if (input.dueOn !== undefined) changes.dueOn = input.dueOn;
      if (input.note !== undefined) changes.note = input.note;
      if (input.outcome !== undefined) changes.outcome = input.outcome;
      if (input.done === true && !followUp.doneAt)
        Object.assign(changes, { doneAt: this.clock.now(), doneById: actor.id });
      if (input.done === false && followUp.doneAt) Object.assign(changes, { doneAt: null, doneById: null });
      if (input.workers !== undefined) await this.recordWorkers(manager, actor, followUp, input);
      if (Object.keys(changes).length === 0) return;
      await manager.update(FollowUp, { id }, changes);
      await this.audit.record(manager, actor, {
        entity: 'follow_up',
        id,
        projectId: followUp.projectId,
        before: followUp,
        after: changes,
      });
      // Doing a task, or writing what came of it, is activity on the project.
      if (input.done === true || input.outcome) await this.projects.recordActivity(manager, followUp.projectId);
    });
    return this.get(actor, id);
  }

  /** A check-in asks the team how many work in their co-op now; the advisor records the answer as they close it. */
  private async recordWorkers(
    manager: EntityManager,
    actor: AuthenticatedUser,
    followUp: FollowUp,
    input: UpdateFollowUpDto,
  ): Promise<void> {
    if (followUp.kind !== 'check_in' || input.done !== true) {
      throw unprocessable(
        `workers is the team's answer to a check-in, recorded as the check-in is closed (done: true); ` +
          `follow-up ${followUp.id} is ${followUp.kind === 'check_in' ? 'a check-in, not being closed' : 'a task'}`,
      );
    }
    await this.jobs.insert(manager, actor, [
      {
        kind: 'workers',
        projectId: followUp.projectId,
        jobs: input.workers!,
        countedOn: this.today(),
      },
    ]);
  }

  private assertCanSee(actor: AuthenticatedUser, followUp: FollowUp): void {
    if (isManager(actor) || followUp.assigneeId === actor.id) return;
    throw forbidden(
      `Follow-up ${followUp.id} is another person's task: only they or a coordinator can see or change it`,
    );
  }

  private async requireStaff(manager: EntityManager, userId: number): Promise<void> {
    const user = await manager.findOneBy(User, {
      id: userId,
      active: true,
      role: In(['advisor', 'coordinator', 'admin']),
    });
    if (!user) throw unprocessable(`assigneeId ${userId} is not an active advisor, coordinator or admin`);
  }

  private today(): string {
    return localDateOf(this.clock.now());
  }
}
