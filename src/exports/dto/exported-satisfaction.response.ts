import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import type { Rate } from '../../figures/rate.js';
import { ExportedRateResponse, rateProperty } from './exported-rate.js';

/** Participants' satisfaction as the report quotes it (`GET /cohorts/:id/ratings`, without the cohort id). */
@ApiExtraModels(ExportedRateResponse)
export class ExportedSatisfactionResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'Participants who answered' })
  responses: number;

  @ApiProperty(
    rateProperty('Rated 4 or 5 out of 5, against the responses', {
      numerator: 12,
      denominator: 12,
      ratio: 1,
      percent: 100,
    }),
  )
  satisfied: Rate | null;

  @ApiProperty(
    rateProperty('Rated 5 out of 5, against the responses', {
      numerator: 3,
      denominator: 12,
      ratio: 0.25,
      percent: 25,
    }),
  )
  verySatisfied: Rate | null;
}
