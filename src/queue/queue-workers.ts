import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { Metrics } from '../metrics/metrics.js';
import { JobRegistry } from './job-registry.js';
import { QUEUES } from './queue.constants.js';

// One processor per queue, taking every job name ('*') and handing it to the handler the domain
// registered: which job does what lives with the domain, and JobRegistry checks none is missing.
// Each attempt is timed, and its failure counted, for /metrics.

@Processor(QUEUES.figures)
export class FiguresQueueWorker {
  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
  ) {}

  @Process({ name: '*', concurrency: 2 })
  run(job: Job) {
    return this.metrics.timeJob(QUEUES.figures, job.name, () =>
      this.registry.handlerFor('figures', job.name)(job.data, job),
    );
  }
}

@Processor(QUEUES.schedules)
export class SchedulesQueueWorker {
  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
  ) {}

  @Process({ name: '*', concurrency: 1 })
  run(job: Job) {
    return this.metrics.timeJob(QUEUES.schedules, job.name, () =>
      this.registry.handlerFor('schedules', job.name)(job.data, job),
    );
  }
}

@Processor(QUEUES.followUps)
export class FollowUpsQueueWorker {
  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
  ) {}

  @Process({ name: '*', concurrency: 1 })
  run(job: Job) {
    return this.metrics.timeJob(QUEUES.followUps, job.name, () =>
      this.registry.handlerFor('followUps', job.name)(job.data, job),
    );
  }
}

@Processor(QUEUES.mail)
export class MailQueueWorker {
  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
  ) {}

  @Process({ name: '*', concurrency: 4 })
  run(job: Job) {
    return this.metrics.timeJob(QUEUES.mail, job.name, () => this.registry.handlerFor('mail', job.name)(job.data, job));
  }
}
