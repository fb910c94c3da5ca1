import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error.js';
import { parseInstant, wholeDaysBetween } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FigureMarks } from '../figures/figure-marks.js';
import { ProgramsService } from '../programs/programs.service.js';
import { Stage } from '../programs/stage.entity.js';
import type { BulkMoveDto, TransitionDto } from './dto/transition.dto.js';
import { Enrollment } from './enrollment.entity.js';
import { assertCanChange } from './project-access.js';
import { ProjectViews, type EnrollmentView, type HistoryEntry } from './project-views.js';
import { Project } from './project.entity.js';
import { ProjectsService } from './projects.service.js';
import { planTransition } from './transition-rules.js';
import { Transition, type TransitionSource } from './transition.entity.js';

export interface MoveResult {
  transition: HistoryEntry;
  enrollment: EnrollmentView;
}

@Injectable()
export class TransitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly projects: ProjectsService,
    private readonly programs: ProgramsService,
    private readonly views: ProjectViews,
    private readonly clock: Clock,
    private readonly figureMarks: FigureMarks,
  ) {}

  move(actor: AuthenticatedUser, projectId: number, request: TransitionDto, source: TransitionSource = 'manual'): Promise<MoveResult> {
    return this.transactions.run((manager) => this.moveWithin(manager, actor, projectId, request, source));
  }

  /** Every move or none: the first refusal rolls back the others and says which move it was. */
  bulk(actor: AuthenticatedUser, moves: BulkMoveDto[]): Promise<MoveResult[]> {
    return this.transactions.run(async (manager) => {
      const results: MoveResult[] = [];
      for (const [index, move] of moves.entries()) {
        try {
          results.push(await this.moveWithin(manager, actor, move.projectId, move, 'manual'));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // An unknown project in a body is bad input (422), not a missing page (404).
          const kind = error.kind === 'not_found' ? 'unprocessable' : error.kind;
          const details = { index, projectId: move.projectId, ...(typeof error.details === 'object' ? error.details : {}) };
          throw new DomainError(kind, `moves[${index}] (project ${move.projectId}): ${error.message}; no move was recorded`, details);
        }
      }
      return results;
    });
  }

  async history(projectId: number, programCode?: string): Promise<HistoryEntry[]> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    if (programCode && !(await manager.existsBy(Enrollment, { projectId, programCode }))) {
      throw notFound(`Enrollment of project ${projectId} in`, programCode);
    }
    const transitions = await manager.find(Transition, {
      where: programCode ? { projectId, programCode } : { projectId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
    return this.views.history(manager, transitions);
  }

  private async moveWithin(
    manager: EntityManager,
    actor: AuthenticatedUser,
    projectId: number,
    request: TransitionDto,
    source: TransitionSource,
  ): Promise<MoveResult> {
    const project = await this.projects.lockProject(manager, projectId);
    assertCanChange(actor, project);
    const enrollment = await this.enrollmentToMove(manager, projectId, request.programCode);

    if (request.expectedVersion !== undefined && request.expectedVersion !== enrollment.version) {
      throw conflict(
        `The enrollment of project ${projectId} in ${enrollment.programCode} has moved since version ${request.expectedVersion}: it is at version ${enrollment.version}. Read it again before moving it`,
        { currentVersion: enrollment.version, stage: enrollment.stageCode, status: enrollment.status },
      );
    }

    const now = this.clock.now();
    const occurredAt = request.occurredAt ? parseInstant(request.occurredAt)! : now;
    const stages = await this.programs.stagesOf(enrollment.programCode, manager);
    const otherPrograms = stages.some((s) => s.code === request.to)
      ? []
      : (await manager.find(Stage, { where: { code: request.to, programCode: Not(enrollment.programCode) } })).map((s) => s.programCode);
    const plan = planTransition(enrollment, stages, { to: request.to, note: request.note, occurredAt }, now, otherPrograms);

    const leavesPath = plan.kind === 'abandon' || plan.kind === 'hold';
    const updated = await manager
      .createQueryBuilder()
      .update(Enrollment)
      .set({
        stageCode: plan.toStage,
        status: plan.toStatus,
        statusReason: leavesPath ? request.reason! : null,
        stageEnteredAt: plan.toStage !== enrollment.stageCode ? occurredAt : enrollment.stageEnteredAt,
        lastMovedAt: occurredAt,
        version: () => 'version + 1',
      })
      // The version in the WHERE makes a concurrent move that got here first turn this one into a 409.
      .where('id = :id AND version = :version', { id: enrollment.id, version: enrollment.version })
      .execute();
    if (updated.affected !== 1) {
      throw conflict(`The enrollment of project ${projectId} in ${enrollment.programCode} was moved by someone else at the same moment; read it again`);
    }

    // Same transaction as the move: the figures' work is recorded even if Redis is away.
    await this.figureMarks.markEnrollments(manager, [enrollment]);
    await this.projects.recordActivity(manager, projectId);
    const transition = await manager.save(manager.create(Transition, {
      enrollmentId: enrollment.id, projectId, programCode: enrollment.programCode, kind: plan.kind,
      fromStage: enrollment.stageCode, toStage: plan.toStage, fromStatus: enrollment.status, toStatus: plan.toStatus,
      occurredAt, recordedAt: now, actorId: actor.id, source, note: request.note ?? null, reason: request.reason ?? null,
    }));
    const [entry] = await this.views.history(manager, [transition]);
    // The move it follows happened at the enrollment's lastMovedAt.
    entry.daysInStage = wholeDaysBetween(enrollment.lastMovedAt, occurredAt);
    const [view] = await this.views.enrollments(manager, [await manager.findOneByOrFail(Enrollment, { id: enrollment.id })]);
    return { transition: entry, enrollment: view };
  }

  private async enrollmentToMove(manager: EntityManager, projectId: number, programCode?: string): Promise<Enrollment> {
    const enrollments = await manager.find(Enrollment, { where: { projectId }, order: { id: 'ASC' } });
    if (programCode) {
      const match = enrollments.find((e) => e.programCode === programCode);
      if (!match) {
        throw unprocessable(`Project ${projectId} is not enrolled in ${programCode}; it is enrolled in ${enrollments.map((e) => e.programCode).join(', ')}`);
      }
      return match;
    }
    if (enrollments.length > 1) {
      throw unprocessable(`Project ${projectId} is enrolled in ${enrollments.map((e) => e.programCode).join(' and ')}: say which with programCode`);
    }
    return enrollments[0];
  }
}
