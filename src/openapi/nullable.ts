import { getSchemaPath, type ApiPropertyOptions, type SchemaObject } from '@nestjs/swagger';

/**
 * OpenAPI 3.0 has no null type and ignores `nullable` beside a `$ref`, and JSON Schema validators
 * let no null through `allOf`; so a value that is a referenced schema or null is written as
 * `oneOf: [<the reference>, nullValue(...)]`.
 */

/** The schema that admits null and nothing else; its type is the referenced one's, for readers. */
export const nullValue = (type: 'object' | 'string'): SchemaObject => ({ type, nullable: true, enum: [null] });

/**
 * A property that holds an object of `model` or null. The class holding the property names
 * `model` in `@ApiExtraModels`, so that the schema referenced here is in the document.
 */
export const nullableRef = (
  model: new (...args: never[]) => unknown,
  description: string,
  example?: object | null,
): ApiPropertyOptions => ({
  description,
  oneOf: [{ $ref: getSchemaPath(model) }, nullValue('object')],
  ...(example === undefined ? {} : { example }),
});
