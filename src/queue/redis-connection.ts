import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections for Bull. The blocking and subscriber connections must retry forever (Bull
 * refuses them otherwise); the command connection retries a request a few times, then fails, so a
 * producer never waits on a Redis that is away. Reconnection itself never stops.
 */
export function createRedisConnection(redisUrl: string, type: 'client' | 'subscriber' | 'bclient'): Redis {
  const common: RedisOptions = {
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    lazyConnect: false,
  };
  const options: RedisOptions =
    type === 'client'
      ? { ...common, maxRetriesPerRequest: 2 }
      : { ...common, maxRetriesPerRequest: null, enableReadyCheck: false };
  return new Redis(redisUrl, options);
}

/**
 * A Redis connection for a request path, which must answer at once: while Redis is away a command
 * fails immediately (no offline queue to wait in), and a command that Redis is slow to answer
 * fails after `commandTimeoutMs`. Reconnection goes on in the background, as for Bull's.
 */
export function createRequestPathConnection(redisUrl: string, commandTimeoutMs: number): Redis {
  return new Redis(redisUrl, {
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
  });
}

/** Rejects when a promise has not settled in time: for calls that must not hang a caller. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
