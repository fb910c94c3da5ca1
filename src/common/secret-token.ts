import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to a person once, in a link or an address (a password reset, a calendar feed):
 * 32 random bytes, base64url, of which the database keeps only the SHA-256.
 */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a secret token, and looks it up by: its SHA-256, in hex (64 characters). */
export const hashOfToken = (token: string): string => createHash('sha256').update(token).digest('hex');
