import { DomainError } from '../common/domain-error.js';
import type { Stage } from '../programs/stage.entity.js';
import { EnrollmentState, planTransition } from './transition-rules.js';

const stages = ['premier-contact', 'accompagnement', 'plan-affaires', 'constitution'].map(
  (code, index) => ({ code, position: index + 1 }) as Stage,
);
const now = new Date('2024-06-01T12:00:00Z');
const at = (iso: string) => new Date(iso);
const state = (overrides: Partial<EnrollmentState> = {}): EnrollmentState => ({
  programCode: 'demarrage',
  stageCode: 'accompagnement',
  status: 'active',
  lastMovedAt: at('2024-05-01T00:00:00Z'),
  ...overrides,
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('unprocessable');
    return (error as DomainError).message;
  }
  throw new Error('expected a refusal');
};

describe('planTransition', () => {
  it('moves forward, and skips stages', () => {
    expect(planTransition(state(), stages, { to: 'constitution', occurredAt: now }, now)).toEqual({
      kind: 'move',
      toStage: 'constitution',
      toStatus: 'active',
    });
  });

  it('moves back only with a note', () => {
    expect(refusal(() => planTransition(state(), stages, { to: 'premier-contact', occurredAt: now }, now))).toMatch(
      /needs a note/,
    );
    expect(
      planTransition(state(), stages, { to: 'premier-contact', note: 'plan à refaire', occurredAt: now }, now).toStage,
    ).toBe('premier-contact');
  });

  it('names the program a foreign stage belongs to', () => {
    expect(
      refusal(() => planTransition(state(), stages, { to: 'prefaisabilite', occurredAt: now }, now, ['transfertcoop'])),
    ).toMatch(/prefaisabilite is not a stage of demarrage; it is a stage of transfertcoop/);
  });

  it('keeps the stage when abandoning, holding and reopening', () => {
    expect(planTransition(state(), stages, { to: 'abandoned', occurredAt: now }, now)).toEqual({
      kind: 'abandon',
      toStage: 'accompagnement',
      toStatus: 'abandoned',
    });
    expect(planTransition(state({ status: 'on_hold' }), stages, { to: 'abandoned', occurredAt: now }, now).kind).toBe(
      'abandon',
    );
    expect(planTransition(state({ status: 'abandoned' }), stages, { to: 'reopen', occurredAt: now }, now)).toEqual({
      kind: 'reopen',
      toStage: 'accompagnement',
      toStatus: 'active',
    });
  });

  it('refuses moves out of an abandoned or paused enrollment', () => {
    expect(
      refusal(() =>
        planTransition(state({ status: 'abandoned' }), stages, { to: 'constitution', occurredAt: now }, now),
      ),
    ).toMatch(/abandoned: reopen it/);
    expect(
      refusal(() => planTransition(state({ status: 'on_hold' }), stages, { to: 'constitution', occurredAt: now }, now)),
    ).toMatch(/on hold: reopen it/);
    expect(
      refusal(() => planTransition(state({ status: 'abandoned' }), stages, { to: 'on_hold', occurredAt: now }, now)),
    ).toMatch(/reopen it before/);
    expect(refusal(() => planTransition(state(), stages, { to: 'reopen', occurredAt: now }, now))).toMatch(/is active/);
    expect(refusal(() => planTransition(state(), stages, { to: 'accompagnement', occurredAt: now }, now))).toMatch(
      /already at stage/,
    );
  });

  it('refuses dates in the future or before the previous move', () => {
    expect(
      refusal(() =>
        planTransition(state(), stages, { to: 'constitution', occurredAt: at('2024-06-02T00:00:00Z') }, now),
      ),
    ).toMatch(/in the future/);
    expect(
      refusal(() =>
        planTransition(state(), stages, { to: 'constitution', occurredAt: at('2024-04-30T00:00:00Z') }, now),
      ),
    ).toMatch(/before the previous move/);
    expect(
      planTransition(state(), stages, { to: 'constitution', occurredAt: at('2024-05-01T00:00:00Z') }, now).kind,
    ).toBe('move');
  });
});
