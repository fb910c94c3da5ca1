import { Injectable } from '@nestjs/common';
import { namedQuery } from '../database/named-query.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { CheckedToken } from './access-tokens.js';

/**
 * Signing out records the token's id until the token would have expired anyway. Expired ids are
 * deleted at each sign-out, which keeps the table as small as the tokens still alive.
 */
@Injectable()
export class SignedOutTokens {
  constructor(private readonly transactions: TransactionRunner) {}

  async signOut(token: CheckedToken): Promise<void> {
    await this.transactions.run(async (manager) => {
      // Token expiry is checked against real time by the JWT library, so this is real time too.
      await namedQuery(manager, 'DELETE FROM signed_out_tokens WHERE expires_at < :now', { now: new Date() });
      await namedQuery(
        manager,
        `INSERT INTO signed_out_tokens (jti, user_id, expires_at) VALUES (:jti, :userId, :expiresAt)
         ON CONFLICT (jti) DO NOTHING`,
        { jti: token.jti, userId: token.user.id, expiresAt: token.expiresAt },
      );
    });
  }
}
