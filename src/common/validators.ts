import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';

/**
 * Every date the service takes lies in these bounds: wide enough for any co-op's history and plans,
 * narrow enough that every date has a four-digit year and every reporting year can be computed.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
export const DATE_RANGE_TEXT = `between ${EARLIEST_DATE} and ${LATEST_DATE}`;

/** True for a YYYY-MM-DD date within the bounds (such dates compare as text). */
export const isDateInRange = (date: string) => date >= EARLIEST_DATE && date <= LATEST_DATE;

/** A calendar date written YYYY-MM-DD that exists (no February 30th), within the bounds. */
export const IsCalendarDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: ({ property }) => `${property} must be a date written YYYY-MM-DD` }),
    IsISO8601({ strict: true }, { message: ({ property }) => `${property} must be a date that exists` }),
    ValidateBy({
      name: 'isDateInRange',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isDateInRange(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be ${DATE_RANGE_TEXT}`,
      },
    }),
  );

/** Trims strings so that "  Lab 148 " and "Lab 148" are one name. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Ids and versions are 32-bit integers in the database; anything outside is refused at the edge. */
export const MAX_INTEGER = 2_147_483_647;

/** A record id or a version: a whole number from 1 to 2147483647. */
export const IsPositiveId = () =>
  applyDecorators(
    IsInt({ message: ({ property }) => `${property} must be a whole number` }),
    Min(1, { message: ({ property }) => `${property} must be at least 1` }),
    Max(MAX_INTEGER, { message: ({ property }) => `${property} must be at most ${MAX_INTEGER}` }),
  );

/**
 * The field may be left out; when it is sent, it is validated, null included. (class-validator's
 * IsOptional lets null through unchecked, which would reach a NOT NULL column as a 500.) A field
 * that accepts null says so with its own ValidateIf.
 */
export const Omittable = () => ValidateIf((_, value) => value !== undefined);
