import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { inJobContext } from '../logging/job-context.js';
import { JobRegistry } from './job-registry.js';
import { QUEUES } from './queue.constants.js';

// One processor per queue, taking every job name ('*') and handing it to the handler the domain
// registered: which job does what lives with the domain, and JobRegistry checks none is missing.

@Processor(QUEUES.figures)
export class FiguresQueueWorker {
  constructor(private readonly registry: JobRegistry) {}

  @Process({ name: '*', concurrency: 2 })
  run(job: Job) {
    return inJobContext(QUEUES.figures, job, () => this.registry.handlerFor('figures', job.name)(job.data, job));
  }
}

@Processor(QUEUES.schedules)
export class SchedulesQueueWorker {
  constructor(private readonly registry: JobRegistry) {}

  @Process({ name: '*', concurrency: 1 })
  run(job: Job) {
    return inJobContext(QUEUES.schedules, job, () => this.registry.handlerFor('schedules', job.name)(job.data, job));
  }
}

@Processor(QUEUES.followUps)
export class FollowUpsQueueWorker {
  constructor(private readonly registry: JobRegistry) {}

  @Process({ name: '*', concurrency: 1 })
  run(job: Job) {
    return inJobContext(QUEUES.followUps, job, () => this.registry.handlerFor('followUps', job.name)(job.data, job));
  }
}

@Processor(QUEUES.mail)
export class MailQueueWorker {
  constructor(private readonly registry: JobRegistry) {}

  @Process({ name: '*', concurrency: 4 })
  run(job: Job) {
    return inJobContext(QUEUES.mail, job, () => this.registry.handlerFor('mail', job.name)(job.data, job));
  }
}
