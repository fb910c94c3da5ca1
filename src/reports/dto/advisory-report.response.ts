import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_INTEGER } from '../../common/validators.js';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { REGION_PROPERTY } from '../../organizations/dto/organization.properties.js';

const HOURS = { type: 'number', minimum: 0, multipleOf: 0.25 } as const;

/** Hours of advisory services of one intervention type. */
export class AdvisoryTypeHoursResponse {
  @ApiProperty({ example: 'planification-strategique' })
  code: string;

  @ApiProperty({ example: 'Planification stratégique' })
  labelFr: string;

  @ApiProperty({ example: 'Strategic planning' })
  labelEn: string;

  @ApiProperty({ ...HOURS, example: 42.5, description: 'Hours of the year, 0 for a type no entry used' })
  hours: number;
}

/** Hours of advisory services of one family, with its types in the list's order. */
export class AdvisoryFamilyHoursResponse {
  @ApiProperty({ example: 'strategie' })
  code: string;

  @ApiProperty({ example: 'Stratégie' })
  labelFr: string;

  @ApiProperty({ example: 'Strategy' })
  labelEn: string;

  @ApiProperty({ ...HOURS, example: 120.75, description: "The sum of its types' hours" })
  hours: number;

  @ApiProperty({ type: () => [AdvisoryTypeHoursResponse] })
  types: AdvisoryTypeHoursResponse[];
}

/** One advisor's hours of advisory services in the year. */
export class AdvisoryAdvisorHoursResponse {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_INTEGER, example: 4 })
  id: number;

  @ApiProperty({ example: 'Marie Tremblay' })
  name: string;

  @ApiProperty({ ...HOURS, example: 212.25 })
  hours: number;
}

/** Advisory services in one region: the co-ops' region. */
export class AdvisoryRegionHoursResponse {
  @ApiProperty(REGION_PROPERTY)
  region: string;

  @ApiProperty({ ...HOURS, example: 88 })
  hours: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 6, description: 'Distinct co-ops served there' })
  coops: number;
}

/** The year before, for the comparison the annual report prints. */
export class AdvisoryPreviousYearResponse {
  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2022-2023' })
  year: string;

  @ApiProperty({ ...HOURS, example: 790 })
  hours: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 44 })
  coops: number;
}

/** From the year before to this one. */
export class AdvisoryChangeResponse {
  @ApiProperty({ type: 'number', multipleOf: 0.25, example: 94, description: 'Hours this year minus the year before' })
  hours: number;

  @ApiProperty({ type: 'integer', example: 10, description: 'Co-ops served this year minus the year before (+10)' })
  coops: number;
}

/** The JSON form of the advisory services report. */
export class AdvisoryReportResponse {
  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024' })
  year: string;

  @ApiProperty({ format: 'date', example: '2023-04-01', description: 'First day of the year' })
  from: string;

  @ApiProperty({ format: 'date', example: '2024-03-31', description: 'Last day of the year' })
  to: string;

  @ApiProperty({ ...HOURS, example: 884, description: 'Hours of every time entry on a co-op dated in the year' })
  hours: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 54, description: 'Distinct co-ops with such an entry' })
  coops: number;

  @ApiProperty({ type: () => AdvisoryPreviousYearResponse })
  previous: AdvisoryPreviousYearResponse;

  @ApiProperty({ type: () => AdvisoryChangeResponse })
  change: AdvisoryChangeResponse;

  @ApiProperty({ type: () => [AdvisoryFamilyHoursResponse], description: 'By family and type, in the list order' })
  byFamily: AdvisoryFamilyHoursResponse[];

  @ApiPropertyOptional({
    type: () => [AdvisoryAdvisorHoursResponse],
    description: 'By advisor, by name: left out for viewers (hours by person are personal)',
  })
  byAdvisor?: AdvisoryAdvisorHoursResponse[];

  @ApiProperty({ type: () => [AdvisoryRegionHoursResponse], description: "By the co-ops' region, by region code" })
  byRegion: AdvisoryRegionHoursResponse[];
}
