import { ApiParam } from '@nestjs/swagger';
import { MAX_INTEGER } from '../common/validators.js';

/** The `:id` of a user in the path, as `ParseId` takes it. */
export const ApiUserIdParam = () =>
  ApiParam({
    name: 'id',
    description: 'The id of the user',
    schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGER },
    example: 3,
  });
