import { registerDecorator, ValidationOptions } from 'class-validator';
import { localDateOf, parseInstant } from './time.js';
import { DATE_RANGE_TEXT, isDateInRange } from './validators.js';

/** A valid instant whose Montréal date lies within the service's date bounds. */
function isInstantInRange(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T.+(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) return false;
  const instant = parseInstant(value);
  return instant !== null && isDateInRange(localDateOf(instant));
}

/** A date (YYYY-MM-DD, read in Montréal time) or a full ISO 8601 date-time with its offset. */
export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: {
        message:
          `${propertyName} must be a date (2024-05-01) or a date-time with its offset (2024-05-01T14:30:00-04:00), ` +
          DATE_RANGE_TEXT,
        ...options,
      },
      validator: {
        validate: isInstantInRange,
      },
    });
}
