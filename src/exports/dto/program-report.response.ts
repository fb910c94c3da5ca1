import { ApiProperty } from '@nestjs/swagger';
import { FunnelResponse } from '../../figures/dto/funnel.response.js';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { ReportCohortResponse, ReportTotalResponse } from './report-figures.response.js';

/** The cohort program the report is about. */
export class ReportProgramResponse {
  @ApiProperty({ example: 'parcours-coop' })
  code: string;

  @ApiProperty({ example: 'Parcours COOP' })
  nameFr: string;

  @ApiProperty({ example: 'Parcours COOP (co-op start-up training)' })
  nameEn: string;
}

/** How many of the year's takeover projects are in one stage of the transfer accompaniment now. */
export class ReportTransfersAtStageResponse {
  @ApiProperty({ example: 'prefaisabilite' })
  code: string;

  @ApiProperty({ example: 'Analyse de préfaisabilité, financière et organisationnelle' })
  labelFr: string;

  @ApiProperty({ example: 'Pre-feasibility analysis, financial and organisational' })
  labelEn: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 4,
    description: 'Projects in this stage now, active or on hold',
  })
  projects: number;
}

/** A sum of jobs, and how many projects lack the count it sums (a gap, not a zero). */
export class ReportJobsResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'The sum of the latest counts recorded' })
  jobs: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'Projects that should have a count and have none: not counted in `jobs`, never read as zero',
  })
  missing: number;
}

/** Hours and jobs of the projects the report counts (those of the program's cohorts of the year). */
export class ReportWorkResponse {
  @ApiProperty({
    type: 'number',
    minimum: 0,
    example: 86.25,
    description: 'Hours of the time entries recorded for these projects and dated in the year',
  })
  hours: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 10,
    description:
      'These projects whose first move into their incorporated stage (or a later one), in any program, falls in the year',
  })
  incorporated: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Of `incorporated`, the takeovers' })
  takeovers: number;

  @ApiProperty({
    type: () => ReportJobsResponse,
    description:
      'Jobs created: the latest count of each project incorporated in the year; `missing` counts the start-ups without one',
  })
  jobsCreated: ReportJobsResponse;

  @ApiProperty({
    type: () => ReportJobsResponse,
    description:
      'Jobs maintained: the latest count of each takeover incorporated in the year; `missing` counts those without one',
  })
  jobsMaintained: ReportJobsResponse;
}

/** The JSON form of a cohort program's year, as the annual report shows it. */
export class ProgramReportResponse {
  @ApiProperty({ type: () => ReportProgramResponse })
  program: ReportProgramResponse;

  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024' })
  year: string;

  @ApiProperty({ type: () => [ReportCohortResponse], description: "The year's cohorts, by start date" })
  cohorts: ReportCohortResponse[];

  @ApiProperty({ type: () => ReportTotalResponse, description: 'The year over all its cohorts' })
  total: ReportTotalResponse;

  @ApiProperty({
    type: () => [FunnelResponse],
    description:
      'The funnel of each accompaniment program (start-up, transfer) over the same year, computed as the ' +
      'export started',
  })
  funnels: FunnelResponse[];

  @ApiProperty({
    type: () => [ReportTransfersAtStageResponse],
    description: "The transfer accompaniment's projects of the year by current stage, in pipeline order",
  })
  transfersByStage: ReportTransfersAtStageResponse[];

  @ApiProperty({ type: () => ReportWorkResponse, description: "Hours and jobs of the year's cohort projects" })
  work: ReportWorkResponse;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2024-04-02T13:45:00.000Z',
    description: "When the cohorts' figures were computed: as the export started",
  })
  computedAt: Date;

  @ApiProperty({
    example: false,
    description: 'Whether the stored figures lag behind a recorded change (these, computed now, do not)',
  })
  pending: boolean;
}
