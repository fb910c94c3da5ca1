// What the figures tests share: the shapes of the figures' bodies, polling, and expected rates.

import type { FigureCounts } from '../../src/figures/figures.types.js';
import type { Rate } from '../../src/figures/rate.js';

export type { Rate };

/** The counts and rates of a cohort or a program-year, as the API returns them (instants as text). */
export interface Counts extends FigureCounts {
  completionRate: Rate | null;
  startRate: Rate | null;
  computedAt: string;
  pending: boolean;
}

export interface Health {
  status: string;
  database: { status: string };
  redis: { status: string };
  queues: Record<string, { waiting: number; active: number; failed: number; delayed: number }> | null;
  outbox: { pendingScopes: number; notHandedOver: number; oldestNotHandedOverSeconds: number | null };
  figures: { failedScopes: number; retryingScopes: number; failures: FigureFailureView[] };
}

/** A figure scope whose recompute fails, as GET /health lists it (instants as text). */
export interface FigureFailureView {
  scope: string;
  status: 'failed' | 'retrying';
  error: string;
  failingSince: string;
  lastFailedAt: string;
  attempts: number;
}

/** The rate the API should return for numerator / denominator, rounded half up. */
export const rateOf = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  ratio: numerator / denominator,
  percent: Math.floor((200 * numerator + denominator) / (2 * denominator)),
});
