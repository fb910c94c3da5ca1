import { unprocessable } from '../common/domain-error.js';
import type { Stage } from '../programs/stage.entity.js';
import type { EnrollmentStatus } from './enrollment.entity.js';
import type { TransitionKind } from './transition.entity.js';

export interface EnrollmentState {
  programCode: string;
  stageCode: string;
  status: EnrollmentStatus;
  lastMovedAt: Date;
}

export interface MoveRequest {
  to: string;
  note?: string;
  occurredAt: Date;
}

export interface PlannedTransition {
  kind: TransitionKind;
  toStage: string;
  toStatus: EnrollmentStatus;
}

// Clocks of clients drift; a minute of slack keeps "now" from being refused as the future.
const CLOCK_SKEW_MS = 60_000;

/**
 * Decides what a requested move means for an enrollment, or refuses it with the reason.
 * `stages` are the program's stages in order; `otherPrograms` names programs that have a stage
 * with the requested code, to say so when someone sends a stage of the wrong program.
 */
export function planTransition(
  state: EnrollmentState,
  stages: Stage[],
  request: MoveRequest,
  now: Date,
  otherPrograms: string[] = [],
): PlannedTransition {
  if (request.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw unprocessable(`occurredAt ${request.occurredAt.toISOString()} is in the future`);
  }
  if (request.occurredAt < state.lastMovedAt) {
    throw unprocessable(
      `occurredAt ${request.occurredAt.toISOString()} is before the previous move (${state.lastMovedAt.toISOString()}); history is kept in order`,
    );
  }

  switch (request.to) {
    case 'abandoned':
      if (state.status === 'abandoned') throw unprocessable('The enrollment is already abandoned');
      return { kind: 'abandon', toStage: state.stageCode, toStatus: 'abandoned' };
    case 'on_hold':
      if (state.status === 'on_hold') throw unprocessable('The enrollment is already on hold');
      if (state.status === 'abandoned')
        throw unprocessable('The enrollment is abandoned: reopen it before putting it on hold');
      return { kind: 'hold', toStage: state.stageCode, toStatus: 'on_hold' };
    case 'reopen':
      if (state.status === 'active')
        throw unprocessable('The enrollment is active: only an abandoned or on-hold enrollment can be reopened');
      return { kind: 'reopen', toStage: state.stageCode, toStatus: 'active' };
  }

  const target = stages.find((s) => s.code === request.to);
  if (!target) {
    const where = otherPrograms.length ? `; it is a stage of ${otherPrograms.join(', ')}` : '';
    throw unprocessable(
      `${request.to} is not a stage of ${state.programCode}${where}. The stages of ${state.programCode} are ${stages.map((s) => s.code).join(', ')}; other targets are abandoned, on_hold and reopen`,
    );
  }
  if (state.status === 'abandoned')
    throw unprocessable('The enrollment is abandoned: reopen it before moving it to a stage');
  if (state.status === 'on_hold')
    throw unprocessable('The enrollment is on hold: reopen it before moving it to a stage');
  if (target.code === state.stageCode) throw unprocessable(`The enrollment is already at stage ${target.code}`);
  const current = stages.find((s) => s.code === state.stageCode);
  if (current && target.position < current.position && !request.note) {
    throw unprocessable(`Moving back from ${current.code} to ${target.code} needs a note saying why`);
  }
  return { kind: 'move', toStage: target.code, toStatus: 'active' };
}
