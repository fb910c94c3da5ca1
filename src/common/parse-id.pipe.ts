import { ParseIntPipe } from '@nestjs/common';
import { badRequest } from './bad-request.js';

/** Path ids are positive whole numbers; anything else is a 400 that says which parameter. */
export const ParseId = (name = 'id') =>
  new ParseIntPipe({ exceptionFactory: () => badRequest(`${name} in the path must be a whole number`) });
