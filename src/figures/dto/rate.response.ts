import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { nullValue } from '../../openapi/nullable.js';

/** A rate as the federation reports it (`figures/rate.ts`): both counts, the exact ratio, a whole percent. */
export class RateResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 10, description: 'What is counted' })
  numerator!: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 16, description: 'What it is counted against; never 0' })
  denominator!: number;

  @ApiProperty({ type: 'number', minimum: 0, example: 0.625, description: 'numerator / denominator, unrounded' })
  ratio!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 63,
    description: 'The ratio as a whole percent, rounded half up (10 / 16 = 62.5 % is 63 %)',
  })
  percent!: number;
}

/**
 * A property that holds a rate or null: null when its denominator is 0 (a rate of 0 would claim
 * something that did not happen), which the description says with the rest. The controller that answers it names `RateResponse` in
 * `@ApiExtraModels`, so that the schema referenced here is in the document.
 */
export const ApiRateProperty = (description: string, example: RateResponse | null) =>
  ApiProperty({
    description,
    oneOf: [{ $ref: getSchemaPath(RateResponse) }, nullValue('object')],
    example,
  });
