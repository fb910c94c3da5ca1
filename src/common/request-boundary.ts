import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from './bad-request.js';
import { toErrorBody } from './http-error.filter.js';

/** Deepest nesting a JSON body may have: far above any DTO's, far below what a recursive walker survives. */
export const MAX_JSON_DEPTH = 32;

/** Headers the service reads; their text obeys the same rule as bodies, queries and paths. */
const HEADERS_READ = ['authorization', 'if-match'] as const;

// With the u flag a well-formed pair reads as one code point outside this range, so only a lone half matches.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

interface TextProblem {
  field: string;
  problem: string;
}

/**
 * Why a string cannot be stored or compared as text: PostgreSQL refuses NUL in text, and an
 * unpaired surrogate is not Unicode at all (encodeURI, and so class-validator's isEmail, throws
 * on it). Null when the text is fine.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(value)) return 'must not contain an unpaired surrogate (text that is not valid Unicode)';
  return null;
}

/**
 * Walks a parsed JSON value without recursion, so that no depth can overflow the stack, and
 * returns the first problem: nesting deeper than MAX_JSON_DEPTH, or a key or string that fails
 * textProblem. Fields are named as the validation pipe names them (contacts.0.email).
 */
export function findJsonProblem(root: unknown, rootName: string): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootName, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field: path, problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      // Named by its top-level field: the full path would be as deep as the nesting.
      return { field: path.split('.')[0], problem: `nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep` };
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: childPath, problem: `has a field name that ${keyProblem}` };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

function findRequestProblem(request: FastifyRequest): TextProblem | null {
  const where = (part: string, problem: TextProblem | null) =>
    problem && { field: problem.field, problem: `(${part}) ${problem.problem}` };
  return (
    where('path', findJsonProblem(request.params, '')) ??
    where('query', findJsonProblem(request.query, '')) ??
    where('header', findJsonProblem(Object.fromEntries(HEADERS_READ.map((h) => [h, request.headers[h]])), '')) ??
    where('body', findJsonProblem(request.body, ''))
  );
}

/**
 * One rule at the edge for every route, applied after Fastify parsed the request (bodies over
 * the size limit are already a 413) and before anything turns it into classes: a deep body would
 * overflow class-transformer's recursion, a NUL reaches PostgreSQL as a 500, and a lone surrogate
 * breaks e-mail validation. Each is a 400 in the error shape, naming the field.
 */
export function installRequestBoundary(fastify: FastifyInstance): void {
  // A callback rather than an async function: every request passes here, and each promise a
  // request makes costs it once more while the log context (an AsyncLocalStorage) follows it.
  fastify.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const found = findRequestProblem(request);
    if (!found) return done();
    const field = found.field || 'body';
    const error = badRequest(`Invalid input: ${field} ${found.problem}`, [
      { field, problems: [`${field} ${found.problem}`] },
    ]);
    void reply.status(400).header('content-type', 'application/json; charset=utf-8').send(toErrorBody(error));
  });
}
