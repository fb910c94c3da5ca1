import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseInstant } from './time.js';

/** A date (YYYY-MM-DD, read in Montréal time) or a full ISO 8601 date-time with its offset. */
export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date (2024-05-01) or a date-time with its offset (2024-05-01T14:30:00-04:00)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T.+(Z|[+-]\d{2}:?\d{2}))?$/.test(value) && parseInstant(value) !== null,
      },
    });
}
