import type { Job } from 'bull';
import { logContext } from './log-context.js';

/** Runs a job's handler with its queue, name, id and figure scope (when it has one) on every line it writes. */
export function inJobContext<T>(queue: string, job: Job, work: () => T): T {
  const data: unknown = job.data;
  const scope =
    typeof data === 'object' && data !== null && typeof (data as { scope?: unknown }).scope === 'string'
      ? (data as { scope: string }).scope
      : undefined;
  return logContext.run({ queue, job: job.name, jobId: String(job.id), scope }, work);
}
