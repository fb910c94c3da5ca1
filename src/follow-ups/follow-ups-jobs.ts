import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { MailRelay } from '../notifications/mail-relay.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { JobRegistry } from '../queue/job-registry.js';
import type { JobData } from '../queue/queue.constants.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { CheckInsService } from './check-ins/check-ins.service.js';
import { DigestBuilder } from './digest/digest-builder.js';
import { digestEmail } from './digest/digest-email.js';

export interface DigestRun {
  localDate: string;
  /** Advisors with something to do that day. */
  advisors: number;
  /** Digests recorded by this run: 0 when an earlier run of the same day recorded them. */
  recorded: number;
}

/** The follow-ups queue's jobs, handled in worker processes. */
@Injectable()
export class FollowUpsJobs implements OnModuleInit {
  private readonly logger = new Logger(FollowUpsJobs.name);

  constructor(
    private readonly registry: JobRegistry,
    private readonly digests: DigestBuilder,
    private readonly checkIns: CheckInsService,
    private readonly notifications: NotificationsService,
    private readonly mailRelay: MailRelay,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.runsWorker) return;
    this.registry.register('followUps', 'daily-digest', (data: JobData['daily-digest']) =>
      this.dailyDigest(data.localDate),
    );
    this.registry.register('followUps', 'cohort-check-ins', async (data: JobData['cohort-check-ins']) => {
      const run = await this.checkIns.run(data.localDate);
      void this.mailRelay.relay();
      return run;
    });
  }

  /**
   * Records one digest per advisor for the day, keyed digest:<advisor>:<local date>: a second run,
   * on this worker or another, records nothing, so nobody gets two the same day.
   */
  async dailyDigest(localDate: string): Promise<DigestRun> {
    const digests = await this.digests.build(localDate, this.clock.now());
    const drafts = digests.map((digest) => ({
      key: `digest:${digest.advisor.id}:${localDate}`,
      kind: 'digest' as const,
      recipientEmail: digest.advisor.email,
      recipientName: digest.advisor.name,
      recipientUserId: digest.advisor.id,
      contactId: null,
      projectId: null,
      language: digest.advisor.language,
      replyTo: null,
      ...digestEmail(digest, this.config.publicUrl),
    }));
    const recorded = await this.transactions.run((manager) => this.notifications.record(manager, drafts));
    void this.mailRelay.relay();
    if (recorded.length) this.logger.log(`Digests of ${localDate}: ${recorded.length} recorded`);
    return { localDate, advisors: digests.length, recorded: recorded.length };
  }
}
