import { ApiProperty } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import type { CoopType } from '../../projects/project.entity.js';
import {
  COOP_TYPE_PROPERTY,
  ENTERPRISE_NUMBER_PROPERTY,
  MEMBER_SINCE_PROPERTY,
  MEMBER_UNTIL_PROPERTY,
  NAME_PROPERTY,
  REGION_PROPERTY,
  SECTOR_PROPERTY,
} from './organization.properties.js';

/** A co-operative the federation serves, member or not, and the project it grew from, if any. */
export class OrganizationResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  id!: number;

  @ApiProperty({ ...NAME_PROPERTY, description: "The co-op's name" })
  name!: string;

  @ApiProperty(COOP_TYPE_PROPERTY)
  coopType!: CoopType;

  @ApiProperty(REGION_PROPERTY)
  region!: string;

  @ApiProperty(SECTOR_PROPERTY)
  sector!: string;

  @ApiProperty(ENTERPRISE_NUMBER_PROPERTY)
  enterpriseNumber!: string | null;

  @ApiProperty(MEMBER_SINCE_PROPERTY)
  memberSince!: string | null;

  @ApiProperty(MEMBER_UNTIL_PROPERTY)
  memberUntil!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 12,
    description: 'The project that became this co-op when it incorporated; null for a co-op that grew elsewhere',
  })
  projectId!: number | null;

  @ApiProperty({ example: false, description: 'true for an invented co-op of the demo data' })
  demo!: boolean;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    multipleOf: 0.25,
    example: 12.5,
    description: 'The hours recorded for it, every date counted (`GET /time-entries?organizationId=` lists them)',
  })
  hours!: number;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2024-05-01T14:30:00.000Z',
    description: 'When the co-op was recorded',
  })
  createdAt!: Date;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2024-05-01T14:30:00.000Z',
    description: 'When the co-op last changed',
  })
  updatedAt!: Date;
}

export class OrganizationPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [OrganizationResponse], description: 'By name, then id' })
  items!: OrganizationResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 125, description: 'Co-ops matching the filters, every page' })
  total!: number;
}
