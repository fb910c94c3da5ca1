import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { createRequestPathConnection, withTimeout } from '../../queue/redis-connection.js';
import { KnownRefusals } from './known-refusals.js';
import { MemoryAttemptCounter } from './memory-attempt-counter.js';
import { RedisAttemptCounter } from './redis-attempt-counter.js';
import type { SignInAttempt, SignInLimits, SignInVerdict } from './sign-in-attempt.js';
import { messageOf } from '../../common/error-message.js';

const WINDOW_MS = 60_000;
const WARN_EVERY_MS = 60_000;

export interface SignInLimitsHealth {
  store: 'redis' | 'memory';
  perAccountPerMinute: number;
  perAddressPerMinute: number;
  /** Why the count is in this process's memory. */
  reason?: string;
}

/**
 * Sign-in limits per account and per client address, shared by every api process through Redis.
 * Every attempt is also counted in this process's memory, which decides when Redis is away or
 * slower than SIGN_IN_REDIS_TIMEOUT_MS (50 ms): the limit then holds per process, and a sign-in
 * never waits on Redis longer.
 */
@Injectable()
export class SignInLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(SignInLimiter.name);
  private readonly memory = new MemoryAttemptCounter();
  private readonly refusals = new KnownRefusals();
  private readonly connection: Redis | null;
  private readonly redis: RedisAttemptCounter | null;
  private readonly limits: SignInLimits;
  private readonly redisTimeoutMs: number;
  private redisFailure: string | null = null;
  private lastWarning = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.limits = {
      perAccount: config.loginAttemptsPerMinute,
      perAddress: config.loginAttemptsPerAddressPerMinute,
      windowMs: WINDOW_MS,
    };
    this.redisTimeoutMs = config.signInRedisTimeoutMs;
    // A worker does not listen, so it signs nobody in.
    this.connection =
      config.role === 'worker' ? null : createRequestPathConnection(config.redisUrl, this.redisTimeoutMs);
    // Failures show in /health; without a listener ioredis would print every reconnection attempt.
    this.connection?.on('error', () => undefined);
    this.connection?.on('ready', () => (this.redisFailure = null));
    this.redis = this.connection && new RedisAttemptCounter(this.connection, config.queuePrefix);
  }

  async hit(attempt: SignInAttempt): Promise<SignInVerdict> {
    const now = this.clock.now().getTime();
    const known = this.refusals.find(attempt, now);
    if (known) return known;
    const verdict = await this.count(attempt, now);
    this.refusals.remember(attempt, verdict, now);
    return verdict;
  }

  private async count(attempt: SignInAttempt, now: number): Promise<SignInVerdict> {
    const inMemory = this.memory.hit(attempt, this.limits, now);
    if (!this.redis?.ready) return inMemory;
    try {
      const counting = this.redis.hit(attempt, this.limits);
      const verdict = await withTimeout(counting, this.redisTimeoutMs, 'Counting a sign-in in Redis');
      this.redisFailure = null;
      return verdict;
    } catch (error) {
      this.redisFailure = messageOf(error);
      if (now - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = now;
        this.logger.warn(`Sign-in limits counted in memory: ${this.redisFailure}`);
      }
      return inMemory;
    }
  }

  health(): SignInLimitsHealth {
    const limits = { perAccountPerMinute: this.limits.perAccount, perAddressPerMinute: this.limits.perAddress };
    const reason = !this.redis
      ? 'this process does not sign anyone in'
      : !this.redis.ready
        ? `Redis is not connected (${this.redis.status})`
        : this.redisFailure;
    return reason ? { store: 'memory', ...limits, reason } : { store: 'redis', ...limits };
  }

  onApplicationShutdown(): void {
    this.connection?.disconnect();
  }
}
