import { getSchemaPath, type OpenAPIObject, type OperationObject } from '@nestjs/swagger';
import { ACCESS_EXTENSION, type Access } from './access.js';
import { ErrorResponse } from './error-response.js';
import { TAGS } from './tags.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const BODY_METHODS = new Set<string>(['post', 'put', 'patch', 'delete']);

/** What each error status means when the operation does not say more. */
const ERROR_MEANING: Record<number, string> = {
  400: 'Invalid input: the body names each field and its problem',
  401: 'No token, or one that is invalid, expired or signed out',
  403: 'Your role may not do this',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'The body is over 1 MB',
  415: 'The body is not JSON',
  422: 'Not allowed by the rules of the pipeline',
  429: 'Too many requests: wait the seconds `Retry-After` gives',
  503: 'A part the service needs does not answer',
};

const ROLE_NAMES: Record<string, string> = {
  admin: 'admins',
  coordinator: 'coordinators',
  advisor: 'advisors',
  viewer: 'viewers',
};

/**
 * Adds to every operation what the decorators leave implicit, so that each operation lists every
 * status it can answer:
 * - who may call it: `security` (`[]` when no token is needed), 401, 403 when roles are limited,
 *   and a first sentence of its description naming them;
 * - 400 everywhere (the request boundary refuses a NUL or a lone surrogate in any query or path),
 *   404 where the path names a record, 413 and 415 where a body can be sent;
 * - the shared error schema on every error response, and `Retry-After` on 429;
 * - the tags, declared at the root with their descriptions.
 */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      completeOperation(operation, method, path);
      if (!operation.tags?.length)
        throw new Error(`${method.toUpperCase()} ${path} has no tag: give its controller @ApiTags`);
      for (const tag of operation.tags ?? []) used.add(tag);
    }
  }
  const unknown = [...used].filter((tag) => !(tag in TAGS));
  if (unknown.length > 0) throw new Error(`Tags without a description in openapi/tags.ts: ${unknown.join(', ')}`);
  document.tags = Object.entries(TAGS)
    .filter(([name]) => used.has(name))
    .map(([name, description]) => ({ name, description }));
  return document;
}

function completeOperation(operation: OperationObject, method: (typeof METHODS)[number], path: string) {
  const extensions = operation as OperationObject & Record<string, unknown>;
  const access = (extensions[ACCESS_EXTENSION] ?? {}) as Access;
  delete extensions[ACCESS_EXTENSION];

  const responses = operation.responses;
  const statuses = new Set<number>([400]);
  if (access.public) {
    operation.security = [];
  } else {
    operation.security = [{ bearer: [] }];
    statuses.add(401);
  }
  if (access.roles) statuses.add(403);
  if (path.includes('{')) statuses.add(404);
  // Fastify reads a body sent with these methods even where the operation takes none.
  if (operation.requestBody) {
    statuses.add(413);
    statuses.add(415);
  } else if (BODY_METHODS.has(method)) {
    responses['413'] ??= { description: 'A body was sent (none is needed) and it is over 1 MB' };
    responses['415'] ??= { description: 'A body was sent (none is needed) and it is not JSON' };
  }
  for (const status of statuses) responses[String(status)] ??= { description: ERROR_MEANING[status] };

  for (const [status, response] of Object.entries(responses)) {
    if (!response || Number(status) < 400 || '$ref' in response) continue;
    const error = response;
    error.description ||= ERROR_MEANING[Number(status)] ?? 'Refused';
    error.content ??= { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } };
    if (status === '429') {
      error.headers ??= {};
      error.headers['Retry-After'] ??= {
        description: 'Seconds to wait before trying again',
        schema: { type: 'integer', minimum: 1 },
      };
    }
  }

  const who = access.public
    ? 'No token needed.'
    : access.roles
      ? `Roles: ${access.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ')}.`
      : 'Any signed-in user.';
  operation.description = operation.description ? `${who}\n\n${operation.description}` : who;
}
