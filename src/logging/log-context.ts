import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while a request or a job runs carries: the request's id (and the
 * signed-in user once the guard knows them), or the job's queue, name, id and scope.
 */
export type LogContext =
  { requestId: string; userId?: number } | { queue: string; job: string; jobId: string; scope?: string };

const storage = new AsyncLocalStorage<LogContext>();

export const logContext = {
  /** Runs `work` with `context` on every line it causes, through callbacks and awaits. */
  run<T>(context: LogContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): LogContext | undefined {
    return storage.getStore();
  },
};
