import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditTrail } from '../audit/audit-trail.js';
import { Clock } from '../common/clock.js';
import { LOCAL_ZONE } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PersonContacts } from '../projects/person-contacts.js';
import { JobRegistry } from '../queue/job-registry.js';
import type { JobData } from '../queue/queue.constants.js';
import { RUNS_WORKER } from '../queue/queue.tokens.js';
import { PrivacyRequest } from './privacy-request.entity.js';

export interface RetentionRun {
  localDate: string;
  /** Projects whose last enrollment ended before this day are past keeping. */
  endedBefore: string;
  projects: number;
  contacts: number;
  emails: number;
  outboxFiles: number;
}

/**
 * Personal information is kept no longer than needed (Law 25): each local day, the contacts of
 * projects whose every enrollment ended (abandoned, or operating) more than CONTACT_RETENTION_YEARS
 * ago are erased, as an admin's erasure erases them (the record of e-mail blanked, the outbox's
 * copies deleted, their details blanked in the audit trail), and the run is recorded in
 * privacy_requests. The projects and their history stay.
 */
@Injectable()
export class ContactRetention implements OnModuleInit {
  private readonly logger = new Logger(ContactRetention.name);

  constructor(
    private readonly registry: JobRegistry,
    private readonly transactions: TransactionRunner,
    private readonly contacts: PersonContacts,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
  ) {}

  onModuleInit(): void {
    if (!this.runsWorker) return;
    this.registry.register('followUps', 'contact-retention', (data: JobData['contact-retention']) =>
      this.run(data.localDate),
    );
  }

  /** A second run the same day finds nothing left to erase, and records that it found nothing. */
  async run(localDate: string): Promise<RetentionRun> {
    const endedBefore = DateTime.fromISO(localDate, { zone: LOCAL_ZONE })
      .minus({ years: this.config.contactRetentionYears })
      .startOf('day');
    const run = await this.transactions.run(async (manager) => {
      const { contacts, projects } = await this.contacts.eraseOfProjectsEndedBefore(manager, endedBefore.toJSDate());
      const contactIds = contacts.map((c) => c.id);
      const notificationIds = await this.notifications.erasePerson(manager, { email: null, contactIds });
      // The schedule erases: no one is the actor.
      await this.audit.forgetContacts(manager, null, contacts);
      const outboxFiles = await this.notifications.deleteOutboxCopies(notificationIds);
      const counts = { contacts: contactIds.length, emails: notificationIds.length, outboxFiles };
      await manager.insert(PrivacyRequest, { userId: null, kind: 'retention', ...counts, createdAt: this.clock.now() });
      return { localDate, endedBefore: endedBefore.toISODate()!, projects, ...counts };
    });
    if (run.contacts > 0)
      this.logger.log(
        `Retention of ${localDate}: the contacts of ${run.projects} projects ended before ${run.endedBefore} erased (${run.contacts})`,
      );
    return run;
  }
}
