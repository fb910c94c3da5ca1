import { createApiClient, type components } from '../../client/index.js';
import { session } from './session.js';
import type { Translate } from './i18n/language.js';

export type ErrorBody = components['schemas']['ErrorResponse'];

/**
 * The one way the app reaches the service: the typed client generated from openapi.json, on the
 * page's own origin (the service serves the app, and Vite's dev server forwards the API).
 */
export const api = createApiClient(window.location.origin);

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A 401 on a call made with the current token means it expired or was signed out elsewhere.
    const token = session.token();
    if (response.status === 401 && token && request.headers.get('authorization') === `Bearer ${token}`) {
      session.expire();
    }
    return response;
  },
});

/** What to tell a person about a refused call, in their language. */
export function describeError(t: Translate, status: number | undefined, body: unknown): string {
  if (status === undefined) return t('error.network');
  if (status === 403) return t('error.forbidden');
  if (status === 404) return t('error.notFound');
  if (status === 409) return t('error.conflict');
  const error = body as Partial<ErrorBody> | undefined;
  if ((status === 400 || status === 422) && error?.message) {
    const problems = Array.isArray(error.details) ? error.details.flatMap((d) => d.problems) : [];
    return t('error.refused', { message: problems.length > 0 ? problems.join(' ; ') : error.message });
  }
  return t('error.unexpected', { status });
}

export type Outcome<T> = { ok: true; data: T; status: number } | { ok: false; status?: number; body?: unknown };

/**
 * Runs one call of the typed client and says how it went, a network failure included (fetch
 * throws then), so that every form shows a message instead of failing silently.
 */
export async function attempt<T>(
  call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call();
    if (response.ok) return { ok: true, data: data as T, status: response.status };
    return { ok: false, status: response.status, body: error };
  } catch {
    return { ok: false };
  }
}
