import {
  BadRequestException,
  ValidationError,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
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
export function buildValidationPipe(): PipeTransform {
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
 * Nest's validation pipe, with answers that need no waiting given at once. Each promise a request
 * makes costs it more while the log context (an AsyncLocalStorage) follows the request, and Nest's
 * pipe is asynchronous even for what it leaves as it is:
 * - a named path parameter is passed on as the text it is: a number in the path is read by its own
 *   pipe (`ParseId`), which should see what was sent (Nest's pipe turned `1e3` into 1000 before it);
 * - a parameter of a plain type (a string) is converted as Nest's pipe converts it;
 * - an empty body or query of a class whose empty instance was valid before is that instance.
 * Everything else goes through Nest's pipe, whole.
 */
class RequestValidationPipe implements PipeTransform {
  private readonly pipe: RememberingValidationPipe;

  constructor(options: ValidationPipeOptions) {
    this.pipe = new RememberingValidationPipe(options);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param' && metadata.data) return value;
    if (!this.pipe.validates(metadata)) return this.pipe.converted(value, metadata);
    if (metadata.metatype && isEmptyPlainObject(value)) {
      const instance: object = plainToInstance(metadata.metatype as new () => object, value);
      if (this.pipe.knownValid(instance)) return instance;
    }
    return this.pipe.transform(value, metadata);
  }
}

/**
 * Nest's pipe, which remembers the classes whose empty instance is valid. Most reads come with no
 * query (GET /cohorts/1/stats), and class-validator looks a class's rules up among every class's
 * on each call. The rules see nothing but the object, so an instance that holds no value (its
 * declared fields left undefined) is valid every time or never, given its class and its keys. Only
 * the valid outcome is kept: anything else is validated each time.
 */
class RememberingValidationPipe extends ValidationPipe {
  private readonly validEmptyShapes = new WeakMap<object, Set<string>>();

  validates(metadata: ArgumentMetadata): boolean {
    return !!metadata.metatype && this.toValidate(metadata);
  }

  converted(value: unknown, metadata: ArgumentMetadata): unknown {
    return this.isTransformEnabled ? this.transformPrimitive(value, metadata) : value;
  }

  knownValid(instance: object): boolean {
    const shape = emptyShapeOf(instance);
    return !!shape && !!this.validEmptyShapes.get(instance.constructor)?.has(shape);
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    const shape = emptyShapeOf(object);
    if (shape !== null && errors.length === 0) {
      const known = this.validEmptyShapes.get(object.constructor);
      if (known) known.add(shape);
      else this.validEmptyShapes.set(object.constructor, new Set([shape]));
    }
    return errors;
  }
}

/** A body or query with no field at all (Fastify's query object has no prototype). */
function isEmptyPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === null || prototype === Object.prototype) && Object.keys(value).length === 0;
}

/** The keys of an instance of a class with no value in any of them; null for anything else. */
function emptyShapeOf(object: object): string | null {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null || prototype === Object.prototype) return null;
  const keys = Object.keys(object);
  for (const key of keys) if ((object as Record<string, unknown>)[key] !== undefined) return null;
  return keys.join('\n');
}
