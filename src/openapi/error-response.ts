import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One field an invalid request got wrong, and what is wrong with it. */
export class FieldProblemResponse {
  @ApiProperty({ example: 'enrolledAt', description: 'The field, as a path into the request: `contacts.0.email`' })
  field!: string;

  @ApiProperty({ type: [String], example: ['enrolledAt must be a date between 1900-01-01 and 2199-12-31'] })
  problems!: string[];
}

/** The one shape every error takes on the wire (see `common/http-error.filter.ts`). */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The reason phrase of the status' })
  error!: string;

  @ApiProperty({ example: 'Invalid input: enrolledAt must be a date between 1900-01-01 and 2199-12-31' })
  message!: string;

  @ApiPropertyOptional({
    description:
      'For invalid input, one entry per field. For a conflict or a refused move, what the service found ' +
      '(the current version, the index of the refused move in a bulk).',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(FieldProblemResponse) } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: FieldProblemResponse[] | Record<string, unknown>;
}
