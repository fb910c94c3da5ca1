import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { Rate } from '../../figures/rate.js';
import { nullableRef } from '../../openapi/nullable.js';

/** A rate of an exported document, in the shape of the figures' rates (`figures/rate.ts`). */
export class ExportedRateResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 10, description: 'What is counted' })
  numerator: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 16, description: 'What it is counted against; never 0' })
  denominator: number;

  @ApiProperty({ type: 'number', minimum: 0, example: 0.625, description: 'numerator / denominator, unrounded' })
  ratio: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 63,
    description: 'The ratio as a whole percent, rounded half up (10 / 16 = 62.5 % is 63 %)',
  })
  percent: number;
}

/**
 * A property that holds a rate, or null when its denominator is 0. The class holding it names
 * `ExportedRateResponse` in `@ApiExtraModels`.
 */
export const rateProperty = (description: string, example: Rate | null): ApiPropertyOptions =>
  nullableRef(ExportedRateResponse, `${description}; null when the denominator is 0`, example);
