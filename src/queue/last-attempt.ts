import type { Job } from 'bull';

/**
 * true while a job runs its last attempt: if it fails now, Bull will not retry it. In Bull 4,
 * `attemptsMade` counts the attempts that failed before this one (Bull increments it as it moves
 * the job to failed), and `opts.attempts` is the number allowed (1 when none is set).
 */
export const isLastAttempt = (job: Pick<Job, 'attemptsMade' | 'opts'>): boolean =>
  job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
