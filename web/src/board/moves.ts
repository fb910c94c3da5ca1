import { api, attempt, type Outcome } from '../api.js';
import type { Language, Translate } from '../i18n/language.js';
import type { User } from '../session.js';
import { stageLabel, type Card, type Enrollment, type Stage } from './board-data.js';

/** A board column: a stage (by its code), or the projects on hold, or those abandoned. */
export type ColumnKey = string;
export const ON_HOLD = 'on_hold';
export const ABANDONED = 'abandoned';

/** A move a card can make in one transition: what the service is sent, and what it asks for. */
export interface Target {
  column: ColumnKey;
  /** A stage code, `on_hold`, `abandoned` or `reopen` (`to` of POST /projects/:id/transitions). */
  to: string;
  /** Holding and abandoning need a reason; a move back to an earlier stage, a note. */
  needs: 'reason' | 'note' | null;
}

export function columnOf(enrollment: Pick<Enrollment, 'status' | 'stage'>): ColumnKey {
  if (enrollment.status === 'on_hold') return ON_HOLD;
  if (enrollment.status === 'abandoned') return ABANDONED;
  return enrollment.stage.code;
}

/**
 * What dropping a card on a column means, or null when the service would refuse it (a paused or
 * abandoned project goes back to a stage only where it was left: the service reopens it there).
 * The same rule gives the choices of the keyboard's move dialog.
 */
export function targetFor(card: Card, column: ColumnKey, stages: Stage[]): Target | null {
  const { status, stage } = card.enrollment;
  if (column === columnOf(card.enrollment)) return null;
  if (column === ABANDONED) return { column, to: ABANDONED, needs: 'reason' };
  if (column === ON_HOLD) return status === 'active' ? { column, to: ON_HOLD, needs: 'reason' } : null;
  if (status !== 'active') return column === stage.code ? { column, to: 'reopen', needs: null } : null;
  const target = stages.find((s) => s.code === column);
  if (!target) return null;
  return { column, to: column, needs: target.position < stage.position ? 'note' : null };
}

/** Every column a card can go to in one move, in the board's order. */
export function targetsOf(card: Card, stages: Stage[]): Target[] {
  return [...stages.map((s) => s.code), ON_HOLD, ABANDONED].flatMap((column) => {
    const target = targetFor(card, column, stages);
    return target ? [target] : [];
  });
}

/** Coordinators and admins move any project; an advisor, the projects assigned to them; viewers, none. */
export function canMove(user: User, card: Card): boolean {
  if (user.role === 'admin' || user.role === 'coordinator') return true;
  return user.role === 'advisor' && card.project.advisorId === user.id;
}

/** Where an enrollment stands, in words: « à l’étape « Formation » », "on hold, at stage “Training”". */
export function describeWhere(
  t: Translate,
  language: Language,
  stages: Stage[],
  where: { stage: string; status: string },
): string {
  const found = stages.find((s) => s.code === where.stage);
  const stage = found ? stageLabel(found, language) : where.stage;
  if (where.status === 'on_hold') return t('move.whereOnHold', { stage });
  if (where.status === 'abandoned') return t('move.whereAbandoned', { stage });
  return t('move.whereActive', { stage });
}

/**
 * Sends the move with the enrollment's version as `If-Match`: when someone moved the project since
 * the board was read, the service answers 409 and records nothing.
 */
export function sendMove(card: Card, target: Target, text: string): Promise<Outcome<unknown>> {
  const body = {
    to: target.to,
    programCode: card.enrollment.programCode,
    ...(target.needs === 'reason' ? { reason: text } : {}),
    ...(target.needs === 'note' ? { note: text } : {}),
  };
  return attempt(() =>
    api.POST('/projects/{id}/transitions', {
      params: { path: { id: card.project.id }, header: { 'If-Match': `"${card.enrollment.version}"` } },
      body,
    }),
  );
}

/** Where a 409 says the project is now (`details` carries its stage and status), if it says. */
export function conflictWhere(body: unknown): { stage: string; status: string } | null {
  const details = (body as { details?: { stage?: unknown; status?: unknown } } | undefined)?.details;
  if (details && typeof details.stage === 'string' && typeof details.status === 'string')
    return { stage: details.stage, status: details.status };
  return null;
}
