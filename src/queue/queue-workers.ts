import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { inJobContext } from '../logging/job-context.js';
import { Metrics } from '../metrics/metrics.js';
import { JobRegistry } from './job-registry.js';
import { QUEUES } from './queue.constants.js';

// One processor per queue, taking every job name ('*') and handing it to the handler the domain
// registered: which job does what lives with the domain, and JobRegistry checks none is missing.
// Each attempt runs in a job context (its log lines carry the queue, job name, id and scope) and is
// timed, its failure counted, for /metrics.

@Processor(QUEUES.figures)
export class FiguresQueueWorker {
  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
  ) {}

  @Process({ name: '*', concurrency: 2 })
  run(job: Job) {
    return inJobContext(QUEUES.figures, job, () =>
      this.metrics.timeJob(QUEUES.figures, job.name, () =>
        this.registry.handlerFor('figures', job.name)(job.data, job),
      ),
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
    return inJobContext(QUEUES.schedules, job, () =>
      this.metrics.timeJob(QUEUES.schedules, job.name, () =>
        this.registry.handlerFor('schedules', job.name)(job.data, job),
      ),
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
    return inJobContext(QUEUES.followUps, job, () =>
      this.metrics.timeJob(QUEUES.followUps, job.name, () =>
        this.registry.handlerFor('followUps', job.name)(job.data, job),
      ),
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
    return inJobContext(QUEUES.mail, job, () =>
      this.metrics.timeJob(QUEUES.mail, job.name, () => this.registry.handlerFor('mail', job.name)(job.data, job)),
    );
  }
}
