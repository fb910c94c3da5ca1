import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import {
  DATE_RANGE_TEXT,
  IsCalendarDate,
  IsPositiveId,
  MAX_INTEGER,
  Omittable,
  Trim,
} from '../../common/validators.js';

/** Hours as the API speaks them: a number of quarter hours, more than 0 and at most 24. */
const IsQuarterHours = () =>
  ValidateBy({
    name: 'isQuarterHours',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isInteger(value * 4) && value > 0 && value <= 24,
      defaultMessage: () => 'hours must be a number of quarter hours (0.25, 0.5, 1.75…) above 0 and at most 24',
    },
  });

const RECORD_ID = { type: 'integer', minimum: 1, maximum: MAX_INTEGER } as const;
const HOURS = {
  type: 'number',
  minimum: 0.25,
  maximum: 24,
  multipleOf: 0.25,
  example: 1.25,
  description:
    'Hours spent, in quarter hours; with the other entries of the advisor on that date, at most 24 (400 beyond)',
} as const;
const WORKED_ON = {
  type: 'string',
  format: 'date',
  example: '2026-11-30',
  description: `The local date the work was done, ${DATE_RANGE_TEXT}; not after today in Montréal (400)`,
} as const;
const INTERVENTION_TYPE = {
  maxLength: 60,
  example: 'premieres-rencontres',
  description:
    'An active intervention type (GET /intervention-types) whose family serves the kind of target: ' +
    'a project or a co-op (400 otherwise)',
};
const NOTE = {
  type: 'string',
  maxLength: 2000,
  nullable: true,
  example: 'Rencontre avec le CA sur le plan de relève',
  description: 'What was done; trimmed. Viewers never read it',
} as const;
const TARGET_RULE = 'exactly one of projectId and organizationId (400 for both or neither; 404 when it does not exist)';

export class CreateTimeEntryDto {
  @ApiProperty(WORKED_ON)
  @IsCalendarDate()
  workedOn: string;

  @ApiProperty(HOURS)
  @IsQuarterHours()
  hours: number;

  @ApiProperty(INTERVENTION_TYPE)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  interventionType: string;

  @ApiPropertyOptional({ ...RECORD_ID, example: 1, description: `The project worked for: ${TARGET_RULE}` })
  @Omittable()
  @IsPositiveId()
  projectId?: number;

  @ApiPropertyOptional({ ...RECORD_ID, example: 4, description: `The co-op served: ${TARGET_RULE}` })
  @Omittable()
  @IsPositiveId()
  organizationId?: number;

  @ApiPropertyOptional(NOTE)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({
    ...RECORD_ID,
    example: 3,
    description:
      'Whose time it is: an active advisor, coordinator or admin (422 otherwise). Yourself when omitted; ' +
      'only coordinators and admins name someone else (403)',
  })
  @Omittable()
  @IsPositiveId()
  advisorId?: number;
}

/** Only the fields sent change; a target is switched by sending the new one and null for the other. */
export class UpdateTimeEntryDto {
  @ApiPropertyOptional(WORKED_ON)
  @Omittable()
  @IsCalendarDate()
  workedOn?: string;

  @ApiPropertyOptional(HOURS)
  @Omittable()
  @IsQuarterHours()
  hours?: number;

  @ApiPropertyOptional(INTERVENTION_TYPE)
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  interventionType?: string;

  @ApiPropertyOptional({ ...RECORD_ID, nullable: true, example: 1, description: `The project: ${TARGET_RULE}` })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsPositiveId()
  projectId?: number | null;

  @ApiPropertyOptional({ ...RECORD_ID, nullable: true, example: null, description: `The co-op: ${TARGET_RULE}` })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsPositiveId()
  organizationId?: number | null;

  @ApiPropertyOptional(NOTE)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({
    ...RECORD_ID,
    example: 3,
    description: 'Hands the entry to another active advisor, coordinator or admin (coordinators and admins only)',
  })
  @Omittable()
  @IsPositiveId()
  advisorId?: number;
}

const QUERY_ID = (description: string) => ({ ...RECORD_ID, example: 1, description });

export class ListTimeEntriesQuery extends PageQuery {
  @ApiPropertyOptional(QUERY_ID("The advisor's entries"))
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  advisorId?: number;

  @ApiPropertyOptional(QUERY_ID("A project's entries"))
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  projectId?: number;

  @ApiPropertyOptional(QUERY_ID("A co-op's entries"))
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  organizationId?: number;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-04-01',
    description: 'From this date, inclusive',
  })
  @Omittable()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2027-03-31',
    description: 'To this date, inclusive',
  })
  @Omittable()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'analyse-financiere', description: 'Entries of this type' })
  @Omittable()
  @IsString()
  @MaxLength(60)
  interventionType?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'finances', description: 'Entries of the types of this family' })
  @Omittable()
  @IsString()
  @MaxLength(60)
  family?: string;
}
