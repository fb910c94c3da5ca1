import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import type { Rate } from '../../figures/rate.js';
import { ExportedRateResponse, rateProperty } from './exported-rate.js';
import { ExportedSatisfactionResponse } from './exported-satisfaction.response.js';
import { REPORTING_YEAR_PATTERN } from './reporting-year.js';

const milestoneCount = (milestone: string, example: number) => ({
  type: 'integer' as const,
  minimum: 0,
  nullable: true,
  example,
  description: `Registered projects that reached the \`${milestone}\` milestone (its stage or a later one); null when the program has none`,
});

/** The counts of one group of enrollments (`FigureCounts`): not a schema of its own, the classes below extend it. */
abstract class ExportedFigureCounts {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 9,
    description: 'Projects enrolled, including those that later left (abandoned or on hold)',
  })
  registered: number;

  @ApiProperty(milestoneCount('training_completed', 6))
  completed: number | null;

  @ApiProperty(milestoneCount('incorporated', 6))
  incorporated: number | null;

  @ApiProperty(milestoneCount('operating', 3))
  operating: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2, description: 'Registered projects abandoned now' })
  abandoned: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Registered projects on hold now' })
  onHold: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 26, description: "The registered projects' team sizes, summed" })
  entrepreneurs: number;
}

/** One cohort's figures, as `GET /cohorts/:id/stats` gives them without `computedAt` and `pending`. */
@ApiExtraModels(ExportedRateResponse)
export class ExportedCohortFiguresResponse extends ExportedFigureCounts {
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 })
  cohortId: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 20, description: 'The cohort number within its program' })
  number: number;

  @ApiProperty({ example: 'Automne 2023' })
  label: string;

  @ApiProperty({ example: 'parcours-coop' })
  programCode: string;

  @ApiProperty({
    pattern: REPORTING_YEAR_PATTERN,
    example: '2023-2024',
    description: 'The reporting year it starts in',
  })
  year: string;

  @ApiProperty(rateProperty('completed / registered', { numerator: 6, denominator: 9, ratio: 6 / 9, percent: 67 }))
  completionRate: Rate | null;

  @ApiProperty(
    rateProperty('The cohort start rate, incorporated / completed', {
      numerator: 6,
      denominator: 6,
      ratio: 1,
      percent: 100,
    }),
  )
  startRate: Rate | null;
}

/** A cohort's figures computed when the export started, as `GET /cohorts/:id/stats?fresh=true` answers them. */
export class ExportedCohortStatsResponse extends ExportedCohortFiguresResponse {
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2024-04-02T13:45:00.000Z',
    description: 'When the figures were computed: as the export started',
  })
  computedAt: Date;

  @ApiProperty({
    example: false,
    description: 'Whether the stored figures lag behind a recorded change (these, computed now, do not)',
  })
  pending: boolean;
}

/** A row of the report's cohorts table: the cohort's figures and its participants' satisfaction. */
export class ReportCohortResponse extends ExportedCohortFiguresResponse {
  @ApiProperty({ type: () => ExportedSatisfactionResponse })
  satisfaction: ExportedSatisfactionResponse;
}

/** The total of the year's cohorts, as `GET /programs/:code/stats` gives it, and the satisfaction over all of them. */
@ApiExtraModels(ExportedRateResponse)
export class ReportTotalResponse extends ExportedFigureCounts {
  @ApiProperty({ example: 'parcours-coop' })
  programCode: string;

  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024' })
  year: string;

  @ApiProperty(rateProperty('completed / registered', { numerator: 10, denominator: 16, ratio: 0.625, percent: 63 }))
  completionRate: Rate | null;

  @ApiProperty(
    rateProperty('The program start rate, incorporated / registered (a cohort divides by completed)', {
      numerator: 10,
      denominator: 16,
      ratio: 0.625,
      percent: 63,
    }),
  )
  startRate: Rate | null;

  @ApiProperty({
    type: () => ExportedSatisfactionResponse,
    description: 'Over every answer of the cohorts, each counted once',
  })
  satisfaction: ExportedSatisfactionResponse;
}
