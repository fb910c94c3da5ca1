import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { IsCalendarDate, Omittable, Trim } from '../../common/validators.js';
import { COOP_TYPES, REGIONS, type CoopType } from '../../projects/project.entity.js';
import {
  COOP_TYPE_PROPERTY,
  ENTERPRISE_NUMBER_PROPERTY,
  MEMBER_SINCE_PROPERTY,
  MEMBER_UNTIL_PROPERTY,
  NAME_PROPERTY,
  REGION_PROPERTY,
  SECTOR_PROPERTY,
} from './organization.properties.js';

const REGION_MESSAGE = 'region must be a Québec administrative region code from 01 to 17';
const ENTERPRISE_NUMBER_MESSAGE = 'enterpriseNumber must be exactly ten digits (a Québec enterprise number)';
const notNull = (_: unknown, value: unknown) => value !== null;

/** What a co-op's membership and enterprise number are, sent when created, or from a project. */
export class MembershipFieldsDto {
  @ApiPropertyOptional(ENTERPRISE_NUMBER_PROPERTY)
  @Omittable()
  @ValidateIf(notNull)
  @IsString({ message: ENTERPRISE_NUMBER_MESSAGE })
  @Matches(/^\d{10}$/, { message: ENTERPRISE_NUMBER_MESSAGE })
  enterpriseNumber?: string | null;

  @ApiPropertyOptional(MEMBER_SINCE_PROPERTY)
  @Omittable()
  @ValidateIf(notNull)
  @IsCalendarDate()
  memberSince?: string | null;

  @ApiPropertyOptional(MEMBER_UNTIL_PROPERTY)
  @Omittable()
  @ValidateIf(notNull)
  @IsCalendarDate()
  memberUntil?: string | null;
}

export class CreateOrganizationDto extends MembershipFieldsDto {
  @ApiProperty(NAME_PROPERTY)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty(COOP_TYPE_PROPERTY)
  @IsIn(COOP_TYPES)
  coopType: CoopType;

  @ApiProperty(REGION_PROPERTY)
  @IsIn(REGIONS, { message: REGION_MESSAGE })
  region: string;

  @ApiProperty(SECTOR_PROPERTY)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sector: string;
}

/** Only the fields sent change; the project a co-op grew from is set once, by `POST /projects/:id/organization`. */
export class UpdateOrganizationDto extends MembershipFieldsDto {
  @ApiPropertyOptional(NAME_PROPERTY)
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional(COOP_TYPE_PROPERTY)
  @Omittable()
  @IsIn(COOP_TYPES)
  coopType?: CoopType;

  @ApiPropertyOptional(REGION_PROPERTY)
  @Omittable()
  @IsIn(REGIONS, { message: REGION_MESSAGE })
  region?: string;

  @ApiPropertyOptional(SECTOR_PROPERTY)
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sector?: string;
}

/** The co-op a project became: its name, type, region and sector come from the project. */
export class OrganizationFromProjectDto extends MembershipFieldsDto {
  @ApiPropertyOptional({ ...NAME_PROPERTY, description: "The co-op's legal name, when not the project's" })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2024-03-31',
    description:
      'Only the co-ops that were members on this day (memberSince on or before it, memberUntil not before it)',
  })
  @Omittable()
  @IsCalendarDate()
  memberOn?: string;

  @ApiPropertyOptional(REGION_PROPERTY)
  @Omittable()
  @IsIn(REGIONS, { message: REGION_MESSAGE })
  region?: string;

  @ApiPropertyOptional(COOP_TYPE_PROPERTY)
  @Omittable()
  @IsIn(COOP_TYPES)
  coopType?: CoopType;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'rucher',
    description: 'Part of the name, in any case and with or without accents',
  })
  @Omittable()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class OrganizationStatsQuery {
  // Documented as required, which it is: the service answers 400 naming `year` when it is missing or
  // malformed, with one message for both (as the figures do).
  @ApiProperty({
    pattern: REPORTING_YEAR_PATTERN,
    example: '2023-2024',
    description: 'The reporting year, April to March by default, within 1900 to 2199',
  })
  @Omittable()
  @IsString()
  year?: string;
}
