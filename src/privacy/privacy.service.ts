import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-trail.js';
import { AuditLog } from '../audit/audit-log.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import type { EntityManager } from 'typeorm';
import { conflict } from '../common/domain-error.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { ExportLogService } from '../exports/export-log.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PersonContacts } from '../projects/person-contacts.js';
import { ProjectsService } from '../projects/projects.service.js';
import { UsersService } from '../users/users.service.js';
import type { ErasureResponse, PersonalInformationResponse } from './dto/personal-information.response.js';
import { PrivacyRequest, type PrivacyRequestKind } from './privacy-request.entity.js';

/**
 * Personal information requests (Québec's Law 25): what the service holds about a person, and
 * forgetting them. Each domain gives or forgets its own part (projects their contact rows, the
 * record of e-mail its messages and outbox copies, exports their log, users the account, the audit
 * trail the contacts' details in its entries); this service asks each in turn, in one transaction,
 * and records the request without the person.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly contacts: PersonContacts,
    private readonly projects: ProjectsService,
    private readonly notifications: NotificationsService,
    private readonly exportLog: ExportLogService,
    private readonly users: UsersService,
    private readonly audit: AuditTrail,
    private readonly auditLog: AuditLog,
  ) {}

  async personalInformation(actor: AuthenticatedUser, email: string): Promise<PersonalInformationResponse> {
    return this.transactions.run(async (manager) => {
      const contacts = await this.contacts.find(email, manager);
      const cohortIds = await this.contacts.cohortsOf([...new Set(contacts.map((c) => c.projectId))], manager);
      const emails = await this.notifications.sentTo({ email, contactIds: contacts.map((c) => c.id) }, manager);
      const exports = await this.exportLog.cohortExportsWithContacts(cohortIds, manager);
      const changes = await this.auditLog.about(
        'contact',
        contacts.map((c) => c.id),
        manager,
      );
      const user = await this.users.findByEmail(email, manager);
      await this.record(manager, actor, 'access', {
        contacts: contacts.length,
        emails: emails.length,
        outboxFiles: 0,
      });
      return {
        contacts,
        emails: emails.map(({ id, kind, subject, status, createdAt, sentAt }) => ({
          id,
          kind,
          subject,
          status,
          createdAt,
          sentAt,
        })),
        exports,
        changes,
        account: user
          ? {
              id: user.id,
              name: user.name,
              role: user.role,
              active: user.active,
              language: user.language,
              createdAt: user.createdAt,
            }
          : null,
      };
    });
  }

  /**
   * Forgets the person everywhere, in one transaction. An account with their e-mail is refused
   * first (409): its e-mail is its login, so an admin deactivates or renames it, deliberately.
   * The outbox's copies go last, once every row is written: should the commit fail after, those
   * were copies of messages whose rows stay, a loss only to development.
   */
  async erasePerson(actor: AuthenticatedUser, email: string): Promise<ErasureResponse> {
    return this.transactions.run(async (manager) => {
      if (await this.users.findByEmail(email, manager)) {
        throw conflict(
          'An account has this e-mail: deactivate it or change its e-mail first (an account is not erased, ' +
            'its e-mail is its login)',
        );
      }
      const contacts = await this.contacts.erase(manager, email);
      const contactIds = contacts.map((c) => c.id);
      const notificationIds = await this.notifications.erasePerson(manager, { email, contactIds });
      await this.audit.forgetContacts(manager, actor, contacts);
      const outboxFiles = await this.notifications.deleteOutboxCopies(notificationIds);
      const erased = { contacts: contactIds.length, emails: notificationIds.length, outboxFiles };
      await this.record(manager, actor, 'erasure', erased);
      return erased;
    });
  }

  /** Erases one person from one project, and what the record of e-mail holds about that contact. */
  async eraseContact(actor: AuthenticatedUser, projectId: number, contactId: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const contact = await this.projects.deleteContact(manager, actor, projectId, contactId);
      const notificationIds = await this.notifications.erasePerson(manager, { email: null, contactIds: [contactId] });
      await this.audit.forgetContacts(manager, actor, [contact]);
      await this.notifications.deleteOutboxCopies(notificationIds);
    });
  }

  /** Who asked what, when, and how much it touched: never the person, not even a hash of their e-mail. */
  private async record(
    manager: EntityManager,
    actor: AuthenticatedUser,
    kind: PrivacyRequestKind,
    counts: ErasureResponse,
  ): Promise<void> {
    await manager.insert(PrivacyRequest, {
      userId: actor.id,
      kind,
      ...counts,
      createdAt: this.clock.now(),
    });
  }
}
