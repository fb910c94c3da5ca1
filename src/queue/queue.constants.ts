import type { JobOptions } from 'bull';

/** Every queue, every job name and the default job options, in one place. */
export const QUEUES = {
  /** Recomputing stored figures. */
  figures: 'figures',
  /** Ticks of the daily schedules; a tick only enqueues work on another queue. */
  schedules: 'schedules',
  /** The day's work on projects' people: the advisors' digests, the post-cohort check-ins, contacts' retention. */
  followUps: 'follow-ups',
  /** Sending one recorded e-mail; retried with backoff when the server refuses it. */
  mail: 'mail',
} as const;

export type QueueKey = keyof typeof QUEUES;

export const JOBS = {
  figures: ['recompute-scope', 'recompute-all'],
  schedules: ['schedule-tick'],
  followUps: ['daily-digest', 'cohort-check-ins', 'contact-retention'],
  mail: ['send-notification'],
} as const satisfies Record<QueueKey, readonly string[]>;

export interface JobData {
  'recompute-scope': { scope: string };
  'recompute-all': { reason: string };
  /** localDate: the Montréal day (YYYY-MM-DD) the work is for, fixed when the tick fired. */
  'daily-digest': { localDate: string };
  'cohort-check-ins': { localDate: string };
  'contact-retention': { localDate: string };
  'send-notification': { notificationId: number };
  /** manual: run by an admin, not held to once a day (what it triggers keeps its own guards). */
  'schedule-tick': { schedule: string; manual?: boolean };
}

/** Every job's options but the mail's: five attempts, waiting `retryDelayMs` (JOB_RETRY_DELAY_MS) then twice as long each time. */
export function defaultJobOptions(retryDelayMs: number): JobOptions {
  return {
    attempts: 5,
    backoff: { type: 'exponential', delay: retryDelayMs },
    // Completed jobs are kept a day for the dashboard, failed ones a week for whoever investigates.
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
  };
}

/** How long a producer call may take before the caller leaves the work in the database. */
export const PRODUCER_TIMEOUT_MS = 2_000;
