import { DomainError } from '../common/domain-error.js';
import { localDateOf, parseInstant } from '../common/time.js';
import type { Stage } from '../programs/stage.entity.js';
import type { EnrollmentRow, EnrollmentStatus } from '../projects/enrollment.entity.js';
import { planTransition } from '../projects/transition-rules.js';
import type { TransitionKind } from '../projects/transition.entity.js';
import { problemAt, type ImportProblem } from './import-problem.js';

/** A move the import records, as a move by hand would have recorded it on that day. */
export interface ImportedMove {
  kind: TransitionKind;
  fromStage: string | null;
  toStage: string;
  fromStatus: EnrollmentStatus | null;
  toStatus: EnrollmentStatus;
  occurredAt: Date;
  reason: string | null;
}

/** Where an enrollment stands: what the moves start from and leave. */
export type EnrollmentPosition = Pick<
  EnrollmentRow,
  'programCode' | 'stageCode' | 'status' | 'statusReason' | 'stageEnteredAt' | 'lastMovedAt'
>;

export interface DatedStep {
  /** A stage to reach, or the status the row ends in. */
  to: string;
  date: string;
  column: string | null;
  reason?: string;
}

/**
 * The moves that take an enrollment through these dated steps, each one checked by the same rules
 * as a move by hand (transition-rules.ts): forward, in order of time, none in the future, a reason
 * to abandon or pause. A step on a day is recorded at the start of that Montréal day, as a date
 * typed into a move is; on the day of the move before it, at that move's time.
 */
export function planRowMoves(
  row: number,
  start: EnrollmentPosition,
  stages: Stage[],
  steps: DatedStep[],
  now: Date,
): { moves: ImportedMove[]; end: EnrollmentPosition; problems: ImportProblem[] } {
  const moves: ImportedMove[] = [];
  let state = start;
  for (const step of steps) {
    // The start of the day, or just after the move before it when that one was on the same day.
    const dayStart = parseInstant(step.date)!;
    const occurredAt =
      localDateOf(state.lastMovedAt) === step.date && state.lastMovedAt > dayStart ? state.lastMovedAt : dayStart;
    // Said in the file's terms (its dates) rather than as the rules say it to the API (instants).
    const refusal =
      occurredAt < state.lastMovedAt
        ? `is before ${localDateOf(state.lastMovedAt)}, the date of the step before it: the dates follow the order of the stages, then the status`
        : occurredAt > now
          ? 'is in the future'
          : null;
    if (refusal) return { moves: [], end: start, problems: [problemAt(row, step.column, step.date, refusal)] };
    try {
      const plan = planTransition(state, stages, { to: step.to, occurredAt }, now);
      const leavesPath = plan.kind === 'abandon' || plan.kind === 'hold';
      moves.push({
        kind: plan.kind,
        fromStage: state.stageCode,
        toStage: plan.toStage,
        fromStatus: state.status,
        toStatus: plan.toStatus,
        occurredAt,
        reason: leavesPath ? (step.reason ?? null) : null,
      });
      state = {
        programCode: state.programCode,
        stageCode: plan.toStage,
        status: plan.toStatus,
        statusReason: leavesPath ? (step.reason ?? null) : null,
        stageEnteredAt: plan.toStage !== state.stageCode ? occurredAt : state.stageEnteredAt,
        lastMovedAt: occurredAt,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { moves: [], end: start, problems: [problemAt(row, step.column, step.date, error.message)] };
    }
  }
  return { moves, end: state, problems: [] };
}
