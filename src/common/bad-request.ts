import { BadRequestException } from '@nestjs/common';

/** A 400 for input the DTO layer cannot see (headers, cross-field shapes). */
export const badRequest = (message: string, details?: unknown) =>
  new BadRequestException(details === undefined ? { message } : { message, details });
