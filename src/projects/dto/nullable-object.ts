import type { ApiPropertyOptions } from '@nestjs/swagger';

/** The schemas of an object's properties, as `@ApiProperty` takes them (the type is not exported). */
type PropertySchemas = Extract<ApiPropertyOptions, { type: 'object'; properties: object }>['properties'];

/**
 * An object that may be null, its properties written in place (all of them required). Written with
 * `type: () => X, nullable: true`, @nestjs/swagger would wrap a `$ref` in `allOf`, through which a
 * JSON Schema validator lets no null pass: clients that validate answers would refuse a true one.
 */
export const nullableObject = (description: string, properties: PropertySchemas): ApiPropertyOptions => ({
  type: 'object',
  nullable: true,
  description,
  properties,
  required: Object.keys(properties),
});

/** Who someone is, in short: a user's id and name. */
export const personProperties = (example: { id: number; name: string }): PropertySchemas => ({
  id: { type: 'integer', minimum: 1, example: example.id },
  name: { type: 'string', example: example.name },
});
