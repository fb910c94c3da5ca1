import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import type { Rate } from '../../figures/rate.js';
import { MILESTONES } from '../../programs/stage.entity.js';
import { ExportedRateResponse, rateProperty } from './exported-rate.js';
import { REPORTING_YEAR_PATTERN } from './reporting-year.js';

/** One stage of an accompaniment's funnel, in pipeline order. */
export class ExportedFunnelStageResponse {
  @ApiProperty({ example: 'accompagnement', description: 'The stage code' })
  code: string;

  @ApiProperty({ example: 'Accompagnement formel' })
  labelFr: string;

  @ApiProperty({ example: 'Formal accompaniment' })
  labelEn: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2, description: 'Place in the pipeline, from 1' })
  position: number;

  @ApiProperty({
    type: 'string',
    enum: [...MILESTONES, null],
    nullable: true,
    example: 'engaged',
    description: 'The milestone the stage carries; null for none',
  })
  milestone: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 20,
    description: "The year's projects whose history reached this stage or a later one",
  })
  reached: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 3,
    description: "The year's projects in this stage now, active or on hold",
  })
  current: number;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    nullable: true,
    example: 12.5,
    description:
      'The median days an active project spent in this stage before its next move; null when none has left it',
  })
  medianDays: number | null;
}

/** One milestone of an accompaniment's funnel, in pipeline order, with its rates. */
@ApiExtraModels(ExportedRateResponse)
export class ExportedFunnelMilestoneResponse {
  @ApiProperty({ enum: MILESTONES, example: 'incorporated' })
  milestone: string;

  @ApiProperty({ example: 'constitution', description: 'The code of the stage that carries it' })
  stageCode: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 11,
    description: "The year's projects whose history reached its stage or a later one",
  })
  reached: number;

  @ApiProperty(
    rateProperty("reached / the previous milestone's reached; null for the first", {
      numerator: 11,
      denominator: 20,
      ratio: 0.55,
      percent: 55,
    }),
  )
  fromPrevious: Rate | null;

  @ApiProperty(
    rateProperty("reached / the first milestone's reached", {
      numerator: 11,
      denominator: 42,
      ratio: 11 / 42,
      percent: 26,
    }),
  )
  fromFirst: Rate | null;

  @ApiProperty(
    rateProperty('reached / every project of the funnel', {
      numerator: 11,
      denominator: 42,
      ratio: 11 / 42,
      percent: 26,
    }),
  )
  ofProjects: Rate | null;
}

/** An accompaniment program's funnel over the year, as `GET /programs/:code/funnel?fresh=true` answers it. */
export class ExportedFunnelResponse {
  @ApiProperty({ example: 'demarrage' })
  programCode: string;

  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024' })
  year: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 42,
    description: 'The projects that entered the program that year',
  })
  projects: number;

  @ApiProperty({ type: () => [ExportedFunnelStageResponse], description: 'Every stage, in pipeline order' })
  stages: ExportedFunnelStageResponse[];

  @ApiProperty({ type: () => [ExportedFunnelMilestoneResponse], description: 'The stages that carry a milestone' })
  milestones: ExportedFunnelMilestoneResponse[];

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2024-04-02T13:45:00.000Z',
    description: 'When the funnel was computed: as the export started',
  })
  computedAt: Date;

  @ApiProperty({
    example: false,
    description: 'Whether the stored figures lag behind a recorded change (these, computed now, do not)',
  })
  pending: boolean;
}
