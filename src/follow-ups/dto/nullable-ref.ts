import { getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A property that holds an object of `model` or null. OpenAPI 3.0 ignores `nullable` beside a
 * `$ref` and JSON Schema validators let no null through `allOf`, so it is written as one of the
 * model or a schema that admits null alone. The class holding the property names `model` in
 * `@ApiExtraModels`, so that the schema referenced here is in the document.
 */
export const nullableRef = (
  model: new (...args: never[]) => unknown,
  description: string,
  example?: object | null,
): ApiPropertyOptions => ({
  description,
  oneOf: [{ $ref: getSchemaPath(model) }, { type: 'object', nullable: true, enum: [null] }],
  ...(example === undefined ? {} : { example }),
});
