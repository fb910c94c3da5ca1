import type { SignInAttempt, SignInVerdict } from './sign-in-attempt.js';

const SWEEP_ABOVE_ENTRIES = 10_000;

/**
 * The refusals of this process whose window has not ended: an address or account already over its
 * limit is refused again at once, without a round trip to Redis, so a flood costs next to nothing.
 */
export class KnownRefusals {
  private readonly refusals = new Map<string, { limit: 'address' | 'account'; until: number }>();

  find(attempt: SignInAttempt, now: number): SignInVerdict | null {
    for (const key of keysOf(attempt)) {
      const refusal = this.refusals.get(key);
      if (!refusal) continue;
      if (refusal.until > now) return { allowed: false, limit: refusal.limit, retryAfterMs: refusal.until - now };
      this.refusals.delete(key);
    }
    return null;
  }

  remember(attempt: SignInAttempt, verdict: SignInVerdict, now: number): void {
    if (verdict.allowed) return;
    if (this.refusals.size >= SWEEP_ABOVE_ENTRIES) {
      for (const [key, { until }] of this.refusals) if (until <= now) this.refusals.delete(key);
    }
    const key = verdict.limit === 'address' ? `address|${attempt.address}` : `account|${attempt.account}`;
    this.refusals.set(key, { limit: verdict.limit, until: now + verdict.retryAfterMs });
  }
}

const keysOf = (attempt: SignInAttempt) =>
  attempt.account === null
    ? [`address|${attempt.address}`]
    : [`address|${attempt.address}`, `account|${attempt.account}`];
