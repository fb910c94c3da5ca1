import { ApiProperty } from '@nestjs/swagger';
import { CohortFiguresResponse } from './cohort-stats.response.js';
import { FigureCountsResponse } from './figure-counts.response.js';
import { COMPUTED_AT_PROPERTY, PENDING_PROPERTY } from './freshness.js';
import { ApiRateProperty, RateResponse } from './rate.response.js';
import { REPORTING_YEAR_PATTERN } from './reporting-year.js';

// Parcours COOP's year 2023-2024 in the demo data: 10 of 16 incorporated, the annual report's 63 %.
const PARCOURS_COOP_2023_2024 = {
  registered: 16,
  completed: 10,
  incorporated: 10,
  operating: 4,
  abandoned: 4,
  onHold: 2,
  entrepreneurs: 44,
};

/**
 * A program's figures over a reporting year (`ProgramYearStats`): the sums over the year's
 * cohorts for a cohort program, or over the projects that entered the program that year.
 */
export class ProgramStatsResponse extends FigureCountsResponse(PARCOURS_COOP_2023_2024) {
  @ApiProperty({ example: 'parcours-coop' })
  programCode!: string;

  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024', description: 'The reporting year asked for' })
  year!: string;

  @ApiRateProperty(
    'completed / registered; null when no project is registered or the program has no ' +
      '`training_completed` milestone (start-up accompaniment has no training)',
    { numerator: 10, denominator: 16, ratio: 0.625, percent: 63 },
  )
  completionRate!: RateResponse | null;

  @ApiRateProperty(
    'The program-year start rate, incorporated / registered (unlike a cohort, whose start rate is ' +
      'incorporated / completed); null when no project is registered or the program has no `incorporated` ' +
      'milestone',
    { numerator: 10, denominator: 16, ratio: 0.625, percent: 63 },
  )
  startRate!: RateResponse | null;

  @ApiProperty({
    type: () => [CohortFiguresResponse],
    description: 'Each cohort that starts in the year, by start date; empty for a program without cohorts',
  })
  cohorts!: CohortFiguresResponse[];

  @ApiProperty(COMPUTED_AT_PROPERTY)
  computedAt!: Date;

  @ApiProperty(PENDING_PROPERTY)
  pending!: boolean;
}
