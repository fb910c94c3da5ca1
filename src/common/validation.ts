import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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
  return new ValidationPipe({
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
