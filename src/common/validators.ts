import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches } from 'class-validator';

/** A calendar date written YYYY-MM-DD that exists (no February 30th). */
export const IsCalendarDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: ({ property }) => `${property} must be a date written YYYY-MM-DD` }),
    IsISO8601({ strict: true }, { message: ({ property }) => `${property} must be a date that exists` }),
  );

/** Trims strings so that "  Lab 148 " and "Lab 148" are one name. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
