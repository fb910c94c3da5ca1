import { ALLOWED, type SignInAttempt, type SignInLimits, type SignInVerdict } from './sign-in-attempt.js';

const SWEEP_ABOVE_ENTRIES = 10_000;
const SWEEP_EVERY_MS = 1_000;

/**
 * Counts sign-in attempts in this process's memory, over fixed windows that start at a key's first
 * attempt. The address is counted first: an attempt its address already exceeds is not counted
 * against the account, so a flood of made-up e-mails does not fill the map.
 */
export class MemoryAttemptCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  hit(attempt: SignInAttempt, limits: SignInLimits, now: number): SignInVerdict {
    this.sweep(now, limits.windowMs);
    const address = this.count(`address|${attempt.address}`, now, limits.windowMs);
    if (address.count > limits.perAddress) return refused('address', address.start + limits.windowMs - now);
    if (attempt.account === null) return ALLOWED;
    const account = this.count(`account|${attempt.account}`, now, limits.windowMs);
    if (account.count > limits.perAccount) return refused('account', account.start + limits.windowMs - now);
    return ALLOWED;
  }

  private count(key: string, now: number, windowMs: number) {
    const entry = this.windows.get(key);
    const current = entry && now - entry.start < windowMs ? entry : { start: now, count: 0 };
    current.count += 1;
    this.windows.set(key, current);
    return current;
  }

  // At most once a second: going over a large map on every attempt would burn the CPU a flood is
  // already taking.
  private sweep(now: number, windowMs: number) {
    if (this.windows.size < SWEEP_ABOVE_ENTRIES || now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, entry] of this.windows) if (now - entry.start >= windowMs) this.windows.delete(key);
  }
}

const refused = (limit: 'address' | 'account', retryAfterMs: number): SignInVerdict => ({
  allowed: false,
  limit,
  retryAfterMs,
});
