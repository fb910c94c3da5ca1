import { describeError, type ErrorBody } from '../api.js';
import type { Translate } from '../i18n/language.js';

/**
 * What to tell an admin about a refused change. Here a 409 is a rule of the service (a stage in
 * use, a code or a milestone already taken), not someone else's edit: its message says which.
 */
export function describeAdminError(t: Translate, status: number | undefined, body: unknown): string {
  const message = (body as Partial<ErrorBody> | undefined)?.message;
  if (status === 409 && message) return t('error.refused', { message });
  return describeError(t, status, body);
}
