import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'not-configured' | 'refused';

/**
 * Whether a request may read /metrics: never when no METRICS_TOKEN is set (the route then answers
 * 404 as if it did not exist), else only with `Authorization: Bearer <METRICS_TOKEN>`. Both sides
 * are hashed first so that the comparison takes the same time whatever the length or the content.
 */
export function metricsAccess(token: string | null, authorization: string | undefined): MetricsAccess {
  if (!token) return 'not-configured';
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const given = digest(match ? match[1] : '');
  return timingSafeEqual(given, digest(token)) && match !== null ? 'allowed' : 'refused';
}
