import type { ApiParamOptions } from '@nestjs/swagger';
import { MAX_INTEGER } from './validators.js';

/** An id in the path, as `ParseId` takes it: a whole number from 1 to 2147483647 (400 otherwise). */
export const idParam = (description: string, example: number): ApiParamOptions => ({
  name: 'id',
  description,
  // Inside the schema: beside a schema, @nestjs/swagger drops the parameter's own example.
  schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGER, example },
});
