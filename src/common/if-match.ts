import { badRequest } from './bad-request.js';
import { MAX_INTEGER } from './validators.js';

/**
 * Reads an expected version from If-Match. Accepts `3`, `"3"` and `W/"3"` so that clients may
 * echo the ETag they received or type the bare number. Absent means "move regardless".
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header[0] : header).trim();
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(value);
  if (!match || Number(match[1]) > MAX_INTEGER)
    throw badRequest(`If-Match must be a version number, as in If-Match: "3"; got ${value}`);
  return Number(match[1]);
}

export const etagOf = (version: number) => `"${version}"`;
