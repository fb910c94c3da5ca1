import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_PROPERTY, NULLABLE_MILESTONE_PROPERTY } from '../../programs/dto/milestone.property.js';
import { COMPUTED_AT_PROPERTY, PENDING_PROPERTY } from './freshness.js';
import { ApiRateProperty, RateResponse } from './rate.response.js';
import { REPORTING_YEAR_PATTERN } from './reporting-year.js';

/** One stage of a program's funnel (`FunnelStage`), in pipeline order. */
export class FunnelStageResponse {
  @ApiProperty({ example: 'accompagnement', description: 'The stage code' })
  code!: string;

  @ApiProperty({ example: 'Accompagnement formel' })
  labelFr!: string;

  @ApiProperty({ example: 'Formal accompaniment' })
  labelEn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2, description: 'Place in the pipeline, from 1' })
  position!: number;

  @ApiProperty({ ...NULLABLE_MILESTONE_PROPERTY, example: 'engaged' })
  milestone!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 20,
    description: "The year's projects whose history reached this stage or a later one",
  })
  reached!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: "The year's projects in this stage now, active or on hold (abandoned ones are left out)",
  })
  current!: number;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    nullable: true,
    example: 45,
    description:
      'The median days a project spent in this stage while active, before its next move, to one decimal ' +
      '(the mean of the two middle stays when their number is even); null when no stay in it has ended',
  })
  medianDays!: number | null;
}

/** One milestone of the funnel (`FunnelMilestone`), in pipeline order, with its rates. */
export class FunnelMilestoneResponse {
  @ApiProperty(MILESTONE_PROPERTY)
  milestone!: string;

  @ApiProperty({ example: 'constitution', description: 'The code of the stage that carries the milestone' })
  stageCode!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 11,
    description: "The year's projects whose history reached the milestone's stage or a later one",
  })
  reached!: number;

  @ApiRateProperty(
    "reached / the previous milestone's reached (55 % of the accompanied incorporated); null for the first " +
      'milestone, or when the previous one was reached by none',
    { numerator: 11, denominator: 20, ratio: 0.55, percent: 55 },
  )
  fromPrevious!: RateResponse | null;

  @ApiRateProperty(
    "reached / the first milestone's reached (26 % of the teams met incorporated); 100 % for the first " +
      'milestone; null when the first was reached by none',
    { numerator: 11, denominator: 42, ratio: 0.2619047619047619, percent: 26 },
  )
  fromFirst!: RateResponse | null;

  @ApiRateProperty('reached / every project of the funnel (`projects`); null when the funnel holds none', {
    numerator: 11,
    denominator: 42,
    ratio: 0.2619047619047619,
    percent: 26,
  })
  ofProjects!: RateResponse | null;
}

/** A program's funnel over a reporting year (`Funnel`): how far its projects went. */
export class FunnelResponse {
  @ApiProperty({ example: 'demarrage' })
  programCode!: string;

  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024', description: 'The reporting year asked for' })
  year!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 42,
    description:
      "The year's projects: those of the year's cohorts, or those that entered the program that year " +
      '(all of them reached the first stage)',
  })
  projects!: number;

  @ApiProperty({ type: () => [FunnelStageResponse], description: 'Every stage of the program, in pipeline order' })
  stages!: FunnelStageResponse[];

  @ApiProperty({
    type: () => [FunnelMilestoneResponse],
    description: 'The stages that carry a milestone, in pipeline order',
  })
  milestones!: FunnelMilestoneResponse[];

  @ApiProperty(COMPUTED_AT_PROPERTY)
  computedAt!: Date;

  @ApiProperty(PENDING_PROPERTY)
  pending!: boolean;
}
