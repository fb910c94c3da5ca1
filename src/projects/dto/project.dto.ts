import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../common/instant.validator.js';
import { DATE_RANGE_TEXT, IsCalendarDate, IsPositiveId, Omittable, Trim } from '../../common/validators.js';
import { ID_SCHEMA, INSTANT_SCHEMA, INSTANT_TEXT } from './api-schemas.js';
import { LANGUAGES, type Language } from '../../users/user.entity.js';
import { COOP_TYPES, PROJECT_KINDS, REGIONS, type CoopType, type ProjectKind } from '../project.entity.js';

export class ContactDto {
  @ApiProperty({ maxLength: 200, example: 'Camille Roy' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'email', maxLength: 254, example: 'camille@example.org', description: 'Stored in lower case' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    enumName: 'Language',
    default: 'fr',
    description: 'The language of the e-mail the contact gets',
  })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    type: 'string',
    maxLength: 500,
    nullable: true,
    example: 'Suivi du projet et relances après la cohorte',
    description: 'What the person agreed their information is used for (Law 25)',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  consentPurpose?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    nullable: true,
    example: '2026-03-02',
    description: `The local date the person gave that consent, ${DATE_RANGE_TEXT}`,
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  consentOn?: string | null;
}

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200, example: 'Coop La Fabrique' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ maxLength: 200, example: 'ébénisterie' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sector: string;

  @ApiProperty({
    enum: PROJECT_KINDS,
    enumName: 'ProjectKind',
    example: 'startup',
    description: 'A start-up or a takeover',
  })
  @IsIn(PROJECT_KINDS)
  kind: ProjectKind;

  @ApiProperty({
    enum: COOP_TYPES,
    enumName: 'CoopType',
    example: 'worker',
    description: 'worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité',
  })
  @IsIn(COOP_TYPES)
  coopType: CoopType;

  @ApiProperty({
    enum: REGIONS,
    enumName: 'Region',
    example: '06',
    description: 'Québec administrative region, 01 to 17',
  })
  @IsIn(REGIONS, { message: 'region must be a Québec administrative region code from 01 to 17' })
  region: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, example: 3, description: 'People starting the co-op' })
  @IsInt()
  @Min(1)
  @Max(10000)
  entrepreneurCount: number;

  @ApiProperty({ example: 'parcours-coop', description: 'The program the project is first enrolled in' })
  @IsString()
  @IsNotEmpty()
  programCode: string;

  @ApiPropertyOptional({ ...ID_SCHEMA, example: 19, description: 'A cohort of that program, if it has cohorts' })
  @Omittable()
  @IsPositiveId()
  cohortId?: number;

  @ApiPropertyOptional({
    ...ID_SCHEMA,
    example: 3,
    description:
      'The advisor in charge (an active advisor, coordinator or admin). An advisor creating a project is its ' +
      'advisor: they may leave it out or name themselves',
  })
  @Omittable()
  @IsPositiveId()
  advisorId?: number;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    example: '2024-04-10',
    description: `When the project entered the first stage, if earlier than now: ${INSTANT_TEXT}`,
  })
  @Omittable()
  @IsInstant()
  enrolledAt?: string;

  @ApiPropertyOptional({ type: () => [ContactDto], maxItems: 50, description: 'The team, 50 people at most' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class UpdateProjectDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Coop La Fabrique' })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'ébénisterie' })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sector?: string;

  @ApiPropertyOptional({ enum: PROJECT_KINDS, enumName: 'ProjectKind', example: 'startup' })
  @Omittable()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ enum: COOP_TYPES, enumName: 'CoopType', example: 'worker' })
  @Omittable()
  @IsIn(COOP_TYPES)
  coopType?: CoopType;

  @ApiPropertyOptional({ enum: REGIONS, enumName: 'Region', example: '06' })
  @Omittable()
  @IsIn(REGIONS, { message: 'region must be a Québec administrative region code from 01 to 17' })
  region?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, example: 4 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10000)
  entrepreneurCount?: number;

  @ApiPropertyOptional({
    ...ID_SCHEMA,
    nullable: true,
    example: 3,
    description:
      'The advisor in charge (an active advisor, coordinator or admin), or null for nobody. Only coordinators ' +
      'and admins reassign a project',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsPositiveId()
  advisorId?: number | null;
}

export class CreateEnrollmentDto {
  @ApiProperty({ example: 'transfertcoop', description: 'A program the project is not enrolled in yet' })
  @IsString()
  @IsNotEmpty()
  programCode: string;

  @ApiPropertyOptional({ ...ID_SCHEMA, example: 20, description: 'A cohort of that program, if it has cohorts' })
  @Omittable()
  @IsPositiveId()
  cohortId?: number;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    example: '2024-05-01',
    description: `When the project entered the program's first stage, if earlier than now: ${INSTANT_TEXT}`,
  })
  @Omittable()
  @IsInstant()
  enrolledAt?: string;
}

export class UpdateEnrollmentDto {
  @ApiProperty({
    ...ID_SCHEMA,
    nullable: true,
    example: 20,
    description: 'Another cohort of the same program, or null for none',
  })
  @ValidateIf((_, value) => value !== null)
  @IsPositiveId()
  cohortId: number | null;
}
