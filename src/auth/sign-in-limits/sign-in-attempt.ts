/** One sign-in attempt: where it comes from and which account it is for (null without an e-mail). */
export interface SignInAttempt {
  address: string;
  account: string | null;
}

export interface SignInLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

/** Allowed, or refused by the address's or the account's limit until its window ends. */
export type SignInVerdict = { allowed: true } | { allowed: false; limit: 'address' | 'account'; retryAfterMs: number };

export const ALLOWED: SignInVerdict = { allowed: true };
