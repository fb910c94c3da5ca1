import { ApiProperty } from '@nestjs/swagger';
import { ApiRateProperty, RateResponse } from '../../figures/dto/rate.response.js';

/** Participants' satisfaction: the shares the annual report quotes, read from the answers. */
export class SatisfactionResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 8, description: 'How many participants answered' })
  responses!: number;

  @ApiRateProperty('Answers that rated the program 4 or 5 out of 5, over every answer; null before any answer', {
    numerator: 8,
    denominator: 8,
    ratio: 1,
    percent: 100,
  })
  satisfied!: RateResponse | null;

  @ApiRateProperty('Answers that rated the program 5 out of 5, over every answer; null before any answer', {
    numerator: 2,
    denominator: 8,
    ratio: 0.25,
    percent: 25,
  })
  verySatisfied!: RateResponse | null;
}

/** A cohort's satisfaction (`CohortSatisfaction`), as `GET /cohorts/:id/ratings` answers it. */
export class CohortSatisfactionResponse extends SatisfactionResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'The cohort id' })
  cohortId!: number;
}
