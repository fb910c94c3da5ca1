import { ApiProperty } from '@nestjs/swagger';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { REGIONS } from '../../projects/project.entity.js';
import { REGION_PROPERTY } from './organization.properties.js';

export class RegionMembersResponse {
  @ApiProperty(REGION_PROPERTY)
  region!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 14,
    description: "Member co-ops of the region on the year's last day",
  })
  members!: number;

  @ApiProperty({
    example: false,
    description: "true when the region had no member on the previous year's last day",
  })
  newThisYear!: boolean;
}

/** The federation's members over a reporting year, as its annual report counts them. */
export class OrganizationStatsResponse {
  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024' })
  year!: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2023-04-01', description: "The year's first day" })
  from!: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2024-03-31', description: "The year's last day" })
  to!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 125,
    description: "Co-ops that were members on the year's last day",
  })
  membersAtYearEnd!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9, description: 'Co-ops whose membership began in the year' })
  newMembers!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description:
      "Co-ops whose last day as a member fell in the year, before its last day (one that leaves on the year's " +
      'last day is still a member at year end, and departs the next year)',
  })
  departedMembers!: number;

  @ApiProperty({
    type: () => [RegionMembersResponse],
    description: 'Each region with members at year end, by region code',
  })
  byRegion!: RegionMembersResponse[];

  @ApiProperty({
    type: 'string',
    isArray: true,
    enum: REGIONS,
    enumName: 'Region',
    example: ['09', '10', '11'],
    description: "The regions with members at year end and none at the previous year's end",
  })
  newRegions!: string[];
}
