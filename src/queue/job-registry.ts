import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS } from './queue.constants.js';
import { RUNS_WORKER } from './queue.tokens.js';

/** Gets the job's data, and the job itself for what only Bull knows (which attempt this is). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares the shape of its own job's data
type Handler = (data: any, job: Job) => Promise<unknown>;

/**
 * Where worker processors declare which job names they handle. At start, a worker refuses to run
 * when a job name of a queue has no handler, or two: a job nobody handles would wait forever.
 */
@Injectable()
export class JobRegistry implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, Map<string, Handler[]>>();

  constructor(@Inject(RUNS_WORKER) private readonly runsWorker: boolean) {}

  register(queue: keyof typeof JOBS, name: string, handler: Handler): void {
    const byName = this.handlers.get(queue) ?? new Map<string, Handler[]>();
    byName.set(name, [...(byName.get(name) ?? []), handler]);
    this.handlers.set(queue, byName);
  }

  handlerFor(queue: keyof typeof JOBS, name: string): Handler {
    const handler = this.handlers.get(queue)?.get(name)?.[0];
    if (!handler) throw new Error(`No handler for job ${name} on queue ${queue}`);
    return handler;
  }

  onApplicationBootstrap(): void {
    if (!this.runsWorker) return;
    const problems: string[] = [];
    for (const [queue, names] of Object.entries(JOBS) as [keyof typeof JOBS, readonly string[]][]) {
      for (const name of names) {
        const count = this.handlers.get(queue)?.get(name)?.length ?? 0;
        if (count !== 1) problems.push(`job ${name} on queue ${queue} has ${count} handlers; it needs exactly one`);
      }
      for (const name of this.handlers.get(queue)?.keys() ?? []) {
        if (!names.includes(name))
          problems.push(`a handler is registered for ${name} on queue ${queue}, which is not a job of that queue`);
      }
    }
    if (problems.length) throw new Error(`The worker cannot start:\n  - ${problems.join('\n  - ')}`);
  }
}
