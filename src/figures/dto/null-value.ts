import type { SchemaObject } from '@nestjs/swagger';

/**
 * The schema that admits null and nothing else, for `oneOf: [<a reference>, nullValue(...)]`:
 * OpenAPI 3.0 has no null type and ignores `nullable` beside a `$ref`, so a nullable reference
 * (a rate, a named enum) is written as one of the referenced schema or this one. The type is that
 * of the referenced schema, for readers; `enum: [null]` leaves only null.
 */
export const nullValue = (type: 'object' | 'string'): SchemaObject => ({ type, nullable: true, enum: [null] });
