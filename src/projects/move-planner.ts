import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error.js';
import { parseInstant } from '../common/time.js';
import type { Stage } from '../programs/stage.entity.js';
import type { TransitionDto } from './dto/transition.dto.js';
import type { EnrollmentRow } from './enrollment.entity.js';
import { assertCanChange } from './project-access.js';
import type { Project } from './project.entity.js';
import { planTransition, type PlannedTransition } from './transition-rules.js';

export interface MoveToPlan extends TransitionDto {
  projectId: number;
}

/** What the moves of a request are checked against: their projects, those projects' enrollments, and every stage. */
export interface MoveSnapshot {
  projects: Map<number, Pick<Project, 'id' | 'advisorId' | 'kind'>>;
  /** By project, in id order. */
  enrollments: Map<number, EnrollmentRow[]>;
  /** Every program's stages, in position order. */
  stages: Stage[];
}

export interface PlannedMove {
  index: number;
  request: MoveToPlan;
  occurredAt: Date;
  plan: PlannedTransition;
  /** The enrollment as this move finds it (after the request's earlier moves) and as it leaves it. */
  before: EnrollmentRow;
  after: EnrollmentRow;
}

/** A move of a request refused, with its place in the request. */
export class MoveRefusal extends Error {
  constructor(
    readonly index: number,
    readonly projectId: number,
    readonly refusal: DomainError,
  ) {
    super(refusal.message);
  }
}

/**
 * Decides every move of a request, in order, without writing: each one sees the enrollment as the
 * request's earlier moves leave it, so a project moved twice is checked as it will be. The first
 * refusal stops the planning. The same checks, in the same order, whether they run before a bulk's
 * transaction or inside it under locks.
 */
export function planMoves(
  actor: AuthenticatedUser,
  moves: MoveToPlan[],
  snapshot: MoveSnapshot,
  now: Date,
): PlannedMove[] {
  const current = new Map<number, EnrollmentRow>();
  return moves.map((request, index) => {
    try {
      const project = snapshot.projects.get(request.projectId);
      if (!project) throw notFound('Project', request.projectId);
      assertCanChange(actor, project);
      const enrollments = snapshot.enrollments.get(request.projectId) ?? [];
      const chosen = enrollmentToMove(request.projectId, enrollments, request.programCode);
      const before = current.get(chosen.id) ?? chosen;
      if (request.expectedVersion !== undefined && request.expectedVersion !== before.version) {
        throw conflict(
          `The enrollment of project ${request.projectId} in ${before.programCode} has moved since version ` +
            `${request.expectedVersion}: it is at version ${before.version}. Read it again before moving it`,
          { currentVersion: before.version, stage: before.stageCode, status: before.status },
        );
      }
      const occurredAt = request.occurredAt ? parseInstant(request.occurredAt)! : now;
      const stages = snapshot.stages.filter((s) => s.programCode === before.programCode);
      const otherPrograms = stages.some((s) => s.code === request.to)
        ? []
        : [...new Set(snapshot.stages.filter((s) => s.code === request.to).map((s) => s.programCode))];
      const wanted = { to: request.to, note: request.note, occurredAt };
      const plan = planTransition(before, stages, wanted, now, otherPrograms);
      const leavesPath = plan.kind === 'abandon' || plan.kind === 'hold';
      const after: EnrollmentRow = {
        ...before,
        stageCode: plan.toStage,
        status: plan.toStatus,
        statusReason: leavesPath ? request.reason! : null,
        stageEnteredAt: plan.toStage !== before.stageCode ? occurredAt : before.stageEnteredAt,
        lastMovedAt: occurredAt,
        version: before.version + 1,
      };
      if (request.jobs !== undefined) assertCarriesJobs(request.projectId, stages, after);
      current.set(chosen.id, after);
      return { index, request, occurredAt, plan, before, after };
    } catch (error) {
      if (error instanceof DomainError) throw new MoveRefusal(index, request.projectId, error);
      throw error;
    }
  });
}

/** Jobs are counted at incorporation: only a move into the incorporated milestone's stage carries them. */
function assertCarriesJobs(projectId: number, stages: Stage[], after: EnrollmentRow): void {
  const incorporated = stages.find((s) => s.milestone === 'incorporated');
  if (after.status !== 'active' || after.stageCode !== incorporated?.code) {
    throw unprocessable(
      `jobs come with a move to the incorporated stage (${incorporated?.code ?? 'none in this program'}); ` +
        `project ${projectId} goes to ${after.status === 'active' ? after.stageCode : after.status}`,
    );
  }
}

function enrollmentToMove(projectId: number, enrollments: EnrollmentRow[], programCode?: string): EnrollmentRow {
  if (programCode) {
    const match = enrollments.find((e) => e.programCode === programCode);
    if (!match) {
      const programs = enrollments.map((e) => e.programCode).join(', ');
      throw unprocessable(`Project ${projectId} is not enrolled in ${programCode}; it is enrolled in ${programs}`);
    }
    return match;
  }
  if (enrollments.length > 1) {
    const programs = enrollments.map((e) => e.programCode).join(' and ');
    throw unprocessable(`Project ${projectId} is enrolled in ${programs}: say which with programCode`);
  }
  return enrollments[0];
}
