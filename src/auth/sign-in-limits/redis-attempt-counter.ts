import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ALLOWED, type SignInAttempt, type SignInLimits, type SignInVerdict } from './sign-in-attempt.js';

// One round trip, atomic: counts the address, and the account only when the address is within its
// limit. A key's window starts at its first attempt (INCR then PEXPIRE), as in memory.
const HIT_SCRIPT = `
local function hit(key)
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  return count, ttl
end
local count, ttl = hit(KEYS[1])
if count > tonumber(ARGV[2]) then return {1, ttl} end
if KEYS[2] == '' then return {0, 0} end
count, ttl = hit(KEYS[2])
if count > tonumber(ARGV[3]) then return {2, ttl} end
return {0, 0}
`;

type HitCommand = (
  addressKey: string,
  accountKey: string,
  windowMs: number,
  perAddress: number,
  perAccount: number,
) => Promise<[number, number]>;

/**
 * Counts sign-in attempts in Redis, so every api process shares one count. Keys live under the
 * queue prefix; the account is a hash of the e-mail, so no address sits in Redis.
 */
export class RedisAttemptCounter {
  private readonly hitCommand: HitCommand;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
  ) {
    connection.defineCommand('signInHit', { numberOfKeys: 2, lua: HIT_SCRIPT });
    const command = (connection as unknown as { signInHit: HitCommand }).signInHit;
    this.hitCommand = command.bind(connection);
  }

  get ready(): boolean {
    return this.connection.status === 'ready';
  }

  get status(): string {
    return this.connection.status;
  }

  async hit(attempt: SignInAttempt, limits: SignInLimits): Promise<SignInVerdict> {
    const addressKey = `${this.prefix}:sign-in:address:${attempt.address}`;
    const accountKey = attempt.account === null ? '' : `${this.prefix}:sign-in:account:${digest(attempt.account)}`;
    const { windowMs, perAddress, perAccount } = limits;
    const [refusedBy, ttl] = await this.hitCommand(addressKey, accountKey, windowMs, perAddress, perAccount);
    if (refusedBy === 0) return ALLOWED;
    return { allowed: false, limit: refusedBy === 1 ? 'address' : 'account', retryAfterMs: ttl };
  }
}

const digest = (account: string) => createHash('sha256').update(account).digest('hex').slice(0, 32);
