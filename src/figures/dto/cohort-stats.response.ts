import { ApiProperty } from '@nestjs/swagger';
import { FigureCountsResponse } from './figure-counts.response.js';
import { COMPUTED_AT_PROPERTY, PENDING_PROPERTY } from './freshness.js';
import { ApiRateProperty, RateResponse } from './rate.response.js';
import { REPORTING_YEAR_PATTERN } from './reporting-year.js';

// Cohort 19, Printemps 2023, in the demo data.
const COHORT_19 = {
  registered: 7,
  completed: 4,
  incorporated: 4,
  operating: 2,
  abandoned: 2,
  onHold: 1,
  entrepreneurs: 19,
};

/** One cohort's figures (`CohortFigures`), as a row of a program's year or on their own. */
export class CohortFiguresResponse extends FigureCountsResponse(COHORT_19) {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'The cohort id' })
  cohortId!: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 19, description: 'The cohort number within its program' })
  number!: number;

  @ApiProperty({ example: 'Printemps 2023' })
  label!: string;

  @ApiProperty({ example: 'parcours-coop' })
  programCode!: string;

  @ApiProperty({
    pattern: REPORTING_YEAR_PATTERN,
    example: '2023-2024',
    description: 'The reporting year the cohort starts in',
  })
  year!: string;

  @ApiRateProperty(
    'completed / registered; null when no project is registered or the program has no ' +
      '`training_completed` milestone',
    { numerator: 4, denominator: 7, ratio: 0.5714285714285714, percent: 57 },
  )
  completionRate!: RateResponse | null;

  @ApiRateProperty(
    'The cohort start rate, incorporated / completed; null when no project has completed the training, ' +
      'or the program lacks the `training_completed` or the `incorporated` milestone',
    { numerator: 4, denominator: 4, ratio: 1, percent: 100 },
  )
  startRate!: RateResponse | null;
}

/** A cohort's figures as `GET /cohorts/:id/stats` answers them: stored, or computed now. */
export class CohortStatsResponse extends CohortFiguresResponse {
  @ApiProperty(COMPUTED_AT_PROPERTY)
  computedAt!: Date;

  @ApiProperty(PENDING_PROPERTY)
  pending!: boolean;
}
