import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { JobRegistry } from '../queue/job-registry.js';
import { isLastAttempt } from '../queue/last-attempt.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import type { JobData } from '../queue/queue.constants.js';
import { FiguresService } from './figures.service.js';

/** The figures queue's jobs, handled in worker processes. */
@Injectable()
export class FiguresJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly figures: FiguresService,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
  ) {}

  onModuleInit(): void {
    if (!this.runsWorker) return;
    // A failure on the last attempt is final: the relay will not hand the scope again for the same generation.
    this.registry.register('figures', 'recompute-scope', (data: JobData['recompute-scope'], job: Job) =>
      this.figures.recomputeScope(data.scope, { lastAttempt: isLastAttempt(job) }),
    );
    this.registry.register('figures', 'recompute-all', () => this.figures.recomputeAll());
  }
}
