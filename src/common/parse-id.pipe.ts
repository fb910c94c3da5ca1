import { PipeTransform } from '@nestjs/common';
import { badRequest } from './bad-request.js';
import { MAX_INTEGER } from './validators.js';

/** Path ids are whole numbers from 1 to 2147483647; anything else is a 400 that names the parameter. */
export const ParseId = (name = 'id'): PipeTransform<string, number> => ({
  transform(value: string) {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= MAX_INTEGER))
      throw badRequest(`${name} in the path must be a whole number from 1 to ${MAX_INTEGER}`);
    return id;
  },
});
