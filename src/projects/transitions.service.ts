import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError, notFound } from '../common/domain-error.js';
import { localDateOf, wholeDaysBetween } from '../common/time.js';
import { dialectOf } from '../database/dialect.js';
import { preparedQuery } from '../database/prepared-query.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FigureMarks } from '../figures/figure-marks.js';
import { JobsService, type NewJobCount } from '../jobs/jobs.service.js';
import { Stage } from '../programs/stage.entity.js';
import type { BulkMoveDto, TransitionDto } from './dto/transition.dto.js';
import { Enrollment, type EnrollmentRow } from './enrollment.entity.js';
import { MoveRefusal, planMoves, type MoveSnapshot, type MoveToPlan, type PlannedMove } from './move-planner.js';
import {
  cohortFromRow,
  cohortsSql,
  enrollmentFromRow,
  enrollmentsSql,
  EVERY_STAGE_SQL,
  INSERT_TRANSITION_SQL,
  projectsSql,
  stageFromRow,
  updateEnrollmentsSql,
  type MovedCohort,
} from './move-statements.js';
import { ProjectViews, type EnrollmentView, type HistoryEntry } from './project-views.js';
import { Project, type ProjectKind } from './project.entity.js';
import { ProjectsService } from './projects.service.js';
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
    private readonly views: ProjectViews,
    private readonly clock: Clock,
    private readonly figureMarks: FigureMarks,
    private readonly jobs: JobsService,
  ) {}

  move(
    actor: AuthenticatedUser,
    projectId: number,
    request: TransitionDto,
    source: TransitionSource = 'manual',
  ): Promise<MoveResult> {
    return this.transactions.run(async (manager) => {
      try {
        const [result] = await this.apply(manager, actor, [{ ...request, projectId }], source);
        return result;
      } catch (error) {
        throw error instanceof MoveRefusal ? error.refusal : error;
      }
    });
  }

  /**
   * Every move or none: the first refusal says which move it was, and nothing is recorded.
   * The moves are checked first, in a few reads and outside any transaction, so that a refused bulk
   * answers without holding the database (on SQLite, writes queue behind every transaction). The
   * transaction then checks them again on the locked rows: someone may have moved a project since.
   */
  async bulk(actor: AuthenticatedUser, moves: BulkMoveDto[]): Promise<MoveResult[]> {
    try {
      planMoves(actor, moves, await this.snapshot(this.dataSource.manager, moves, false), this.clock.now());
      return await this.transactions.run((manager) => this.apply(manager, actor, moves, 'manual'));
    } catch (error) {
      throw error instanceof MoveRefusal ? bulkRefusal(error) : error;
    }
  }

  async history(reader: AuthenticatedUser, projectId: number, programCode?: string): Promise<HistoryEntry[]> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    if (programCode && !(await manager.existsBy(Enrollment, { projectId, programCode }))) {
      throw notFound(`Enrollment of project ${projectId} in`, programCode);
    }
    const transitions = await manager.find(Transition, {
      where: programCode ? { projectId, programCode } : { projectId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
    return this.views.history(manager, transitions, reader);
  }

  /** Checks the moves on the locked rows, then records them in a handful of statements and one insert per move. */
  private async apply(
    manager: EntityManager,
    actor: AuthenticatedUser,
    moves: MoveToPlan[],
    source: TransitionSource,
  ): Promise<MoveResult[]> {
    const snapshot = await this.snapshot(manager, moves, true);
    const now = this.clock.now();
    const planned = planMoves(actor, moves, snapshot, now);

    // One update per enrollment, to where its last move leaves it, from the version its first move saw;
    // enrollments that go from the same version to the same state share the statement (a cohort
    // moved to one stage is a few statements, not one per project).
    const firstMoves = new Map<number, PlannedMove>();
    const lastMoves = new Map<number, PlannedMove>();
    for (const move of planned) {
      if (!firstMoves.has(move.after.id)) firstMoves.set(move.after.id, move);
      lastMoves.set(move.after.id, move);
    }
    const groups = new Map<string, { firstMoves: PlannedMove[]; after: EnrollmentRow }>();
    for (const [id, first] of firstMoves) {
      const { after } = lastMoves.get(id)!;
      const { stageCode, status, statusReason, stageEnteredAt, lastMovedAt, version } = after;
      const state = [stageCode, status, statusReason, stageEnteredAt, lastMovedAt];
      const key = JSON.stringify([first.before.version, version, ...state]);
      const group = groups.get(key) ?? { firstMoves: [], after };
      group.firstMoves.push(first);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const { stageCode, status, statusReason, stageEnteredAt, lastMovedAt, version } = group.after;
      const ids = group.firstMoves.map((m) => m.after.id);
      const updated = await preparedQuery(manager, updateEnrollmentsSql(manager), {
        ...{ stageCode, status, statusReason, stageEnteredAt, lastMovedAt, version, now, ids },
        seen: group.firstMoves[0].before.version,
      });
      if (updated.length !== ids.length) throw await this.movedMeanwhile(manager, group.firstMoves, version);
    }

    const rows = planned.map(({ request, before, after, plan, occurredAt }) =>
      manager.create(Transition, {
        enrollmentId: before.id,
        projectId: before.projectId,
        programCode: before.programCode,
        kind: plan.kind,
        fromStage: before.stageCode,
        toStage: after.stageCode,
        fromStatus: before.status,
        toStatus: after.status,
        occurredAt,
        recordedAt: now,
        actorId: actor.id,
        source,
        note: request.note ?? null,
        reason: request.reason ?? null,
      }),
    );
    const transitions = await this.insertTransitions(manager, rows);
    await this.recordJobs(manager, actor, planned, transitions, snapshot);
    await this.projects.recordActivity(manager, [...new Set(planned.map((m) => m.before.projectId))]);
    // Read once for the figures' scopes and for the answer (a move leaves its enrollment's cohort as it is).
    const cohortIds = [...new Set(planned.map((m) => m.before.cohortId).filter((id) => id !== null))];
    const cohorts = cohortIds.length
      ? (await preparedQuery<MovedCohort>(manager, cohortsSql(manager), { ids: cohortIds })).map(cohortFromRow)
      : [];
    // Same transaction as the moves: the figures' work is recorded even if Redis is away. Last, so that
    // on PostgreSQL the marks' rows, which every move of a program and year shares, are locked briefly.
    await this.figureMarks.markEnrollments(
      manager,
      [...firstMoves.values()].map((m) => m.before),
      cohorts,
    );

    // The answer is made of what the move has read and written: the actor is the reader.
    const entries = await this.views.history(manager, transitions, actor);
    const enrollments = await this.views.enrollments(
      manager,
      planned.map((m) => m.after),
      actor,
      { stages: snapshot.stages, cohorts },
    );
    return planned.map((move, i) => ({
      // The move it follows happened at the enrollment's lastMovedAt.
      transition: { ...entries[i], daysInStage: wholeDaysBetween(move.before.lastMovedAt, move.occurredAt) },
      enrollment: enrollments[i],
    }));
  }

  /** The jobs a move to the incorporated stage carried: created by a start-up, maintained by a takeover. */
  private async recordJobs(
    manager: EntityManager,
    actor: AuthenticatedUser,
    planned: PlannedMove[],
    transitions: Transition[],
    snapshot: MoveSnapshot,
  ): Promise<void> {
    const counts = planned.flatMap((move, i): NewJobCount[] =>
      move.request.jobs === undefined
        ? []
        : [
            {
              kind: snapshot.projects.get(move.before.projectId)!.kind === 'transfer' ? 'maintained' : 'created',
              projectId: move.before.projectId,
              jobs: move.request.jobs,
              countedOn: localDateOf(move.occurredAt),
              transitionId: transitions[i].id,
            },
          ],
    );
    await this.jobs.insert(manager, actor, counts);
  }

  /**
   * The moves' projects (locked on PostgreSQL when `lock`, in id order so that two bulks sharing
   * projects wait for each other rather than deadlock), their enrollments, and every stage. Read as
   * plain rows of the columns the checks need: building 2,000 entities cost more than the reads.
   */
  private async snapshot(manager: EntityManager, moves: { projectId: number }[], lock: boolean): Promise<MoveSnapshot> {
    const ids = [...new Set(moves.map((m) => m.projectId))].sort((a, b) => a - b);
    const projects = await preparedQuery<{ id: number; advisorId: number | null; kind: ProjectKind }>(
      manager,
      `${projectsSql(manager)}${lock ? this.transactions.forUpdateClause : ''}`,
      { ids },
    );
    const enrollments = await preparedQuery<Record<keyof EnrollmentRow, unknown>>(manager, enrollmentsSql(manager), {
      ids,
    });
    const stages = (await preparedQuery<Stage>(manager, EVERY_STAGE_SQL)).map(stageFromRow);
    const byProject = new Map<number, EnrollmentRow[]>();
    for (const row of enrollments.map(enrollmentFromRow)) {
      byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
    }
    const advisorOf = (p: { advisorId: number | null }) => (p.advisorId === null ? null : Number(p.advisorId));
    return {
      projects: new Map(
        projects.map((p) => [Number(p.id), { id: Number(p.id), advisorId: advisorOf(p), kind: p.kind }]),
      ),
      enrollments: byProject,
      stages,
    };
  }

  /** The first of these moves whose enrollment someone else moved while this update ran. */
  private async movedMeanwhile(
    manager: EntityManager,
    firstMoves: PlannedMove[],
    updatedVersion: number,
  ): Promise<MoveRefusal> {
    const ids = firstMoves.map((m) => m.after.id);
    const rows = await manager.find(Enrollment, { select: { id: true, version: true }, where: { id: In(ids) } });
    const versions = new Map(rows.map((row) => [row.id, row.version]));
    const first = firstMoves.find((m) => versions.get(m.after.id) !== updatedVersion) ?? firstMoves[0];
    return new MoveRefusal(
      first.index,
      first.request.projectId,
      conflict(
        `The enrollment of project ${first.request.projectId} in ${first.before.programCode} ` +
          'was moved by someone else at the same moment; read it again',
      ),
    );
  }

  /**
   * In order, with their ids: one prepared statement per row, which costs little on SQLite (the
   * driver runs in the process) and for a single move; a bulk on PostgreSQL is one multi-row insert,
   * not a round trip per move.
   */
  private async insertTransitions(manager: EntityManager, transitions: Transition[]): Promise<Transition[]> {
    if (dialectOf(manager) === 'postgres' && transitions.length > 1) {
      const { identifiers } = await manager.insert(Transition, transitions);
      const ids = identifiers.map((row) => Number((row as { id: unknown }).id));
      return transitions.map((t, i) => ({ ...t, id: ids[i] }));
    }
    const inserted: Transition[] = [];
    for (const t of transitions) {
      const [{ id }] = await preparedQuery<{ id: number }>(manager, INSERT_TRANSITION_SQL, { ...t });
      inserted.push({ ...t, id: Number(id) });
    }
    return inserted;
  }
}

/** A bulk's refusal names the move. An unknown project in a body is bad input (422), not a missing page (404). */
function bulkRefusal({ index, projectId, refusal }: MoveRefusal): DomainError {
  const kind = refusal.kind === 'not_found' ? 'unprocessable' : refusal.kind;
  const details = { index, projectId, ...(typeof refusal.details === 'object' ? refusal.details : {}) };
  const message = `moves[${index}] (project ${projectId}): ${refusal.message}; no move was recorded`;
  return new DomainError(kind, message, details);
}
