import { ApiHeader, ApiParam } from '@nestjs/swagger';
import { MAX_INTEGER } from '../common/validators.js';

/**
 * What the document says about the paths and versions of projects, written once for every operation
 * that shares them. Two counters never mix: a project's `version` (its own fields, `PATCH /projects/:id`)
 * and each enrollment's `version` (its moves and cohort changes, `POST /projects/:id/transitions`).
 */

const idSchema = { type: 'integer', minimum: 1, maximum: MAX_INTEGER } as const;

export const ProjectIdParam = () => ApiParam({ name: 'id', description: 'The project', schema: idSchema, example: 1 });

export const ContactIdParam = () =>
  ApiParam({ name: 'contactId', description: 'A contact of that project', schema: idSchema, example: 7 });

export const ProgramCodeParam = () =>
  ApiParam({
    name: 'programCode',
    description: 'A program the project is enrolled in',
    schema: { type: 'string' },
    example: 'parcours-coop',
  });

const READ_ALIKE = '`3`, `"3"` and `W/"3"` are read alike.';

/** If-Match on `PATCH /projects/:id`: the project's version. */
export const ProjectIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    example: '"2"',
    description:
      "The project's version as you last read it: the ETag of `GET /projects/:id` or of this operation's " +
      "last answer (the project's `version`), never an enrollment's. A stale one gets 409 with " +
      '`details.currentVersion` and changes nothing; without it, the change applies whatever the version. ' +
      READ_ALIKE,
  });

/** If-Match on a move: the version of the enrollment it moves. */
export const EnrollmentIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    example: '"1"',
    description:
      'The version of the enrollment this move applies to, as you last read it: the ETag of ' +
      "`GET /projects/:id/enrollments/:programCode` or of the last move's answer (the enrollment's `version`, " +
      "also shown in `GET /projects/:id`), never the project's ETag. A stale one gets 409 with " +
      '`details.currentVersion`, `stage` and `status`, and records nothing; without it (and without ' +
      '`expectedVersion`), the move applies to the enrollment as it is. Same as `expectedVersion` in the body: ' +
      'send one, or both equal. ' +
      READ_ALIKE,
  });

const etag = (description: string) => ({ ETag: { description, schema: { type: 'string', example: '"2"' } } });

export const PROJECT_ETAG = etag(
  'The project\'s version, quoted (`"2"`): send it back as `If-Match` on `PATCH /projects/:id`. ' +
    'Not for moves: each enrollment has its own (`GET /projects/:id/enrollments/:programCode`).',
);

export const ENROLLMENT_ETAG = etag(
  'The enrollment\'s version, quoted (`"2"`): send it back as `If-Match` on the move ' +
    '(`POST /projects/:id/transitions`) of this enrollment.',
);

export const MOVED_ENROLLMENT_ETAG = etag(
  'The enrollment\'s new version, quoted (`"2"`): the `If-Match` of its next move.',
);
