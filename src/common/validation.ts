import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens nested class-validator errors into one entry per field path (contacts.0.email). */
export function describeValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

/** The one pipe every body and query goes through: unknown fields are refused, not dropped. */
export function buildValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = describeValidationErrors(errors);
      const summary = details.map((d) => d.problems.join(', ')).join('; ');
      return new BadRequestException({ message: `Invalid input: ${summary}`, details });
    },
  });
}

/**
 * Nest's pipe, which remembers the classes whose empty instance is valid. Most reads come with no
 * query (GET /cohorts/1/stats), and class-validator looks a class's rules up among every class's
 * on each call. The rules see nothing but the object, so an instance that holds no value (its
 * declared fields left undefined) is valid every time or never, given its class and its keys. Only
 * the valid outcome is kept: anything else is validated each time.
 */
class RequestValidationPipe extends ValidationPipe {
  private readonly validEmptyShapes = new WeakMap<object, Set<string>>();

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const shape = emptyShapeOf(object);
    const known = shape && this.validEmptyShapes.get(object.constructor);
    if (shape && known?.has(shape.keys)) return [];
    const errors = await super.validate(object, options);
    if (shape && errors.length === 0) {
      if (known) known.add(shape.keys);
      else this.validEmptyShapes.set(object.constructor, new Set([shape.keys]));
    }
    return errors;
  }
}

/** An instance of a class with no value in any of its own keys, and those keys; else null. */
function emptyShapeOf(object: object): { keys: string } | null {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null || prototype === Object.prototype) return null;
  const keys = Object.keys(object);
  for (const key of keys) if ((object as Record<string, unknown>)[key] !== undefined) return null;
  return { keys: keys.join('\n') };
}
