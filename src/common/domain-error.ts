/**
 * Errors the domain raises, each with the HTTP status it maps to in one place
 * (common/http-error.filter.ts). Services throw these; they never build HTTP responses.
 */
export type DomainErrorKind =
  | 'not_found' // 404: the resource in the path does not exist
  | 'forbidden' // 403: the caller's role or assignment does not allow it
  | 'conflict' // 409: a duplicate, a stale version, a resource in use
  | 'unprocessable' // 422: well-formed, but the rules of the domain refuse it
  | 'unavailable'; // 503: a dependency (the job queue) does not answer; nothing was done

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string | number) =>
  new DomainError('not_found', `${what} ${id} does not exist`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const conflict = (message: string, details?: unknown) => new DomainError('conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new DomainError('unprocessable', message, details);
