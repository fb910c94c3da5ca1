import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { PRODUCER_TIMEOUT_MS, QUEUES } from '../queue/queue.constants.js';
import { withTimeout } from '../queue/redis-connection.js';
import { handedJobState, hasNotStarted, OutboxRelay } from '../queue/outbox-relay.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { FigureDirtyMark } from './figure-dirty-mark.entity.js';
import { FigureFailure } from './figure-failure.entity.js';

/**
 * The outbox relay: hands pending figure scopes from the database to the queue.
 *
 * It runs in worker processes, every RELAY_INTERVAL_MS. A scope whose job has not started yet is
 * left alone (that job will see every change made until it starts), so a burst of moves in one
 * cohort makes a handful of jobs. So is a scope whose job is active: which generation that attempt
 * read, the relay cannot know (it may have started, or be retrying, after the newest change), and
 * a second job beside it would make a twin with retries of its own. Once the job has finished,
 * whatever it left pending (a change it did not see, a failure at an older generation) is handed
 * over. A scope whose job is gone (Redis lost its data) is handed again under a new job id. A
 * scope whose recompute failed for good is not: it waits, recorded in `figure_failures`, until a
 * new change bumps its generation. When Redis is away nothing is attempted: the marks wait in the
 * database.
 */
@Injectable()
export class FiguresRelay extends OutboxRelay {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.figures) private readonly queue: Queue,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(RUNS_WORKER) runsWorker: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('Figures', queue, runsWorker, config.relayIntervalMs);
  }

  protected async handPending(): Promise<number> {
    const marks = await this.pendingMarks().orderBy('m.pendingSince', 'ASC').limit(500).getMany();
    let handed = 0;
    for (const mark of marks) if (await this.handOver(mark)) handed += 1;
    return handed;
  }

  /** Marks with a generation still to compute, leaving out those whose failure for good holds them back. */
  private pendingMarks() {
    return this.dataSource.manager
      .createQueryBuilder(FigureDirtyMark, 'm')
      .leftJoin(FigureFailure, 'f', 'f.scope = m.scope')
      .where('m.generation > m.computedGeneration')
      .andWhere('(f.failedGeneration IS NULL OR f.failedGeneration < m.generation)');
  }

  private async handOver(read: FigureDirtyMark): Promise<boolean> {
    let mark = read;
    if (mark.handedJobId) {
      const state = await handedJobState(this.queue, mark.handedJobId);
      if (hasNotStarted(state) || state === 'active') return false;
      // The job has finished (or is gone), perhaps after this pass read the mark. What it wrote, its
      // figures or its failure for good, committed before Bull moved it on: read the mark again, or a
      // scope that has just failed for good would be handed a twin that retries it all over again.
      const current = await this.pendingMarks().andWhere('m.scope = :scope', { scope: mark.scope }).getOne();
      // Computed, failed for good, or handed over by another worker's relay meanwhile.
      if (!current || current.handedJobId !== mark.handedJobId) return false;
      mark = current;
    }
    // The job id is new for every hand-over: Bull would ignore an id it still holds (a failed job).
    const jobId = `recompute:${mark.scope}:${mark.generation}:${mark.handCount + 1}`;
    // Delayed a little: while it waits, the job absorbs the rest of a burst of moves.
    const options = { jobId, delay: this.config.figuresDebounceMs };
    await withTimeout(
      this.queue.add('recompute-scope', { scope: mark.scope }, options),
      PRODUCER_TIMEOUT_MS,
      'Adding a job',
    );
    await this.transactions.run((manager) =>
      manager.update(
        FigureDirtyMark,
        { scope: mark.scope },
        {
          handedGeneration: mark.generation,
          handedJobId: jobId,
          handedAt: this.clock.now(),
          handCount: mark.handCount + 1,
        },
      ),
    );
    return true;
  }
}
