import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { hashOfToken, newSecretToken } from '../common/secret-token.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { User } from '../users/user.entity.js';
import { CalendarEvents, type FeedOwner } from './calendar-events.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { calendarTexts } from './calendar-texts.js';
import { writeCalendar } from './icalendar.js';

/** A feed's token as its address carries it: 32 random bytes in base64url are 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Each user's secret calendar address. The token is in the address only: the database keeps its
 * SHA-256 and finds the feed by it, and no log line holds it (the access line names the route).
 */
@Injectable()
export class CalendarFeedsService {
  private readonly logger = new Logger('CalendarFeeds');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly events: CalendarEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new address for the user, which replaces the one before: that one stops working at once. */
  async create(userId: number): Promise<{ url: string }> {
    const token = newSecretToken();
    await this.transactions.run((manager) =>
      // One row per user, replaced in one statement: two requests at once leave one address, never an error.
      manager.upsert(
        CalendarFeed,
        { userId, tokenHash: hashOfToken(token), createdAt: this.clock.now() },
        { conflictPaths: ['userId'] },
      ),
    );
    this.logger.log(`Calendar address made for user ${userId}; any address before it no longer works`);
    return { url: `${this.config.publicUrl}/calendar/${token}.ics` };
  }

  /** The user's address stops working. Idempotent: with no address, there is nothing to do. */
  async revoke(userId: number): Promise<void> {
    const result = await this.transactions.run((manager) => manager.delete(CalendarFeed, { userId }));
    if (result.affected) this.logger.log(`Calendar address of user ${userId} revoked`);
  }

  /**
   * The iCalendar text of the feed at this token, or null when no active user has it: a token
   * malformed, unknown or replaced, revoked, or its user deactivated.
   */
  async calendarAt(token: string): Promise<string | null> {
    if (!TOKEN.test(token)) return null;
    const owner = await this.ownerOf(token);
    if (!owner) return null;
    return writeCalendar({
      name: calendarTexts(owner.language).calendarName(owner.name),
      writtenAt: this.clock.now(),
      events: await this.events.of(owner),
    });
  }

  /** One read by the token's hash, a unique key: no comparison of secrets that timing could betray. */
  private async ownerOf(token: string): Promise<FeedOwner | null> {
    const owner = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .innerJoin(CalendarFeed, 'c', 'c.userId = u.id')
      .select(['u.id', 'u.name', 'u.language'])
      .where('c.tokenHash = :tokenHash', { tokenHash: hashOfToken(token) })
      .andWhere('u.active = :active', { active: true })
      .getOne();
    return owner ? { id: owner.id, name: owner.name, language: owner.language } : null;
  }
}
