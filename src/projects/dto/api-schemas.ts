import { DATE_RANGE_TEXT, MAX_INTEGER } from '../../common/validators.js';

/** A record id or a version in a request, as `IsPositiveId` bounds it. */
export const ID_SCHEMA = { type: 'integer', minimum: 1, maximum: MAX_INTEGER } as const;

/** A date or an instant in a request, as `IsInstant` reads it. */
export const INSTANT_SCHEMA = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T.+(Z|[+-]\\d{2}:?\\d{2}))?$',
} as const;
export const INSTANT_TEXT =
  'a date (`2024-05-01`: the start of that day in Montréal) or a date-time with its offset ' +
  `(\`2024-05-01T14:30:00-04:00\`), ${DATE_RANGE_TEXT}`;
