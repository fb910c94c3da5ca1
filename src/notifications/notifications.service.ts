import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { notFound, unprocessable } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { namedQuery } from '../database/named-query.js';
import { Mailer } from './mailer.js';
import type { ListNotificationsQuery } from './dto/list-notifications.query.js';
import { Notification, SECRET_BODY_KINDS, type NotificationDraft } from './notification.entity.js';

const INSERT_SQL = `
  INSERT INTO notifications
    (key, kind, recipient_email, recipient_name, recipient_user_id, contact_id, project_id, language, subject, body, reply_to, status, attempts, hand_count)
  VALUES
    (:key, :kind, :recipientEmail, :recipientName, :recipientUserId, :contactId, :projectId, :language, :subject, :body, :replyTo, 'pending', 0, 0)
  ON CONFLICT (key) DO NOTHING
  RETURNING id`;

/** The record of every e-mail: written before sending, read by coordinators. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
  ) {}

  /**
   * Records e-mails to send, in the caller's transaction. A key already recorded is skipped: that
   * e-mail exists (sent or on its way). Returns the ids recorded now.
   */
  async record(manager: EntityManager, drafts: NotificationDraft[]): Promise<number[]> {
    const ids: number[] = [];
    for (const draft of drafts) {
      const rows = await namedQuery<{ id: number }>(manager, INSERT_SQL, { ...draft });
      if (rows.length === 1) ids.push(Number(rows[0].id));
    }
    return ids;
  }

  async list(query: ListNotificationsQuery): Promise<Page<Notification>> {
    const builder = this.dataSource.manager.createQueryBuilder(Notification, 'n');
    if (query.status) builder.andWhere('n.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.recipient)
      builder.andWhere('n.recipientEmail = :recipient', { recipient: query.recipient.toLowerCase() });
    if (query.userId) builder.andWhere('n.recipientUserId = :userId', { userId: query.userId });
    if (query.projectId) builder.andWhere('n.projectId = :projectId', { projectId: query.projectId });
    builder
      .orderBy('n.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [items, total] = await builder.getManyAndCount();
    return { items: items.map(withoutSecrets), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number): Promise<Notification> {
    const notification = await this.dataSource.manager.findOneBy(Notification, { id });
    if (!notification) throw notFound('Notification', id);
    return withoutSecrets(notification);
  }

  /** A failed e-mail gets a new round of attempts (after fixing an address, or the mail server). */
  async retry(id: number): Promise<Notification> {
    const notification = await this.get(id);
    if (notification.status !== 'failed') {
      throw unprocessable(`Notification ${id} is ${notification.status}: only a failed one is retried`);
    }
    await this.dataSource.manager.update(
      Notification,
      { id, status: 'failed' },
      { status: 'pending', attempts: 0, lastError: null, jobId: null },
    );
    return this.get(id);
  }

  /** Law 25: the e-mails sent to a person, by their address or as one of the given contacts. */
  async sentTo(person: PersonMail, manager: EntityManager = this.dataSource.manager): Promise<Notification[]> {
    const notifications = await this.toPerson(manager, person).orderBy('n.id', 'ASC').getMany();
    return notifications.map(withoutSecrets);
  }

  /**
   * Law 25: a person who is erased leaves no address, name or message behind in the record, in the
   * caller's transaction. The rows stay (what was sent, when, to which project), so the record
   * still counts them. One still waiting is not sent to nobody: it is marked failed. Returns the
   * ids of the rows erased.
   */
  async erasePerson(manager: EntityManager, person: PersonMail): Promise<number[]> {
    const ids = (await this.toPerson(manager, person).select('n.id', 'id').getRawMany<{ id: number }>()).map((row) =>
      Number(row.id),
    );
    if (ids.length === 0) return [];
    await manager.update(
      Notification,
      { id: In(ids) },
      { recipientEmail: ERASED, recipientName: ERASED, body: '', replyTo: null, lastError: null },
    );
    await manager.update(
      Notification,
      { id: In(ids), status: 'pending' },
      { status: 'failed', lastError: 'Erased (Law 25) before it was sent', jobId: null },
    );
    return ids;
  }

  /** Law 25: deletes the development outbox's copies of these e-mails; returns how many. */
  deleteOutboxCopies(notificationIds: number[]): Promise<number> {
    return this.mailer.deleteOutboxFiles(notificationIds);
  }

  private toPerson(manager: EntityManager, person: PersonMail) {
    const builder = manager.createQueryBuilder(Notification, 'n').where('1 = 0');
    if (person.email !== null) {
      builder.orWhere('LOWER(n.recipientEmail) = :email', { email: person.email.toLowerCase() });
    }
    if (person.contactIds.length > 0) {
      builder.orWhere('n.contactId IN (:...contactIds)', { contactIds: person.contactIds });
    }
    return builder;
  }
}

/**
 * A person as the record of e-mail knows them: their address (null to go by the contacts alone,
 * when one contact is erased from one project), and the contacts they were.
 */
export interface PersonMail {
  email: string | null;
  contactIds: number[];
}

/** What an erased address and name become (the columns are NOT NULL). */
const ERASED = 'erased';

/** A password reset's body holds its token: the record shows everything else about it. */
function withoutSecrets(notification: Notification): Notification {
  if (!SECRET_BODY_KINDS.includes(notification.kind)) return notification;
  const { body: _body, ...rest } = notification;
  return rest as Notification;
}
