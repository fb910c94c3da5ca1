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
import { IsPositiveId, Omittable, Trim } from '../../common/validators.js';
import { LANGUAGES, type Language } from '../../users/user.entity.js';
import { COOP_TYPES, PROJECT_KINDS, REGIONS, type CoopType, type ProjectKind } from '../project.entity.js';

export class ContactDto {
  @ApiProperty({ example: 'Camille Roy' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'camille@example.org' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fr' })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class CreateProjectDto {
  @ApiProperty({ example: 'Coop La Fabrique' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ébénisterie' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sector: string;

  @ApiProperty({ enum: PROJECT_KINDS })
  @IsIn(PROJECT_KINDS)
  kind: ProjectKind;

  @ApiProperty({
    enum: COOP_TYPES,
    description: 'worker: de travail; producer: de producteurs; solidarity: de solidarité',
  })
  @IsIn(COOP_TYPES)
  coopType: CoopType;

  @ApiProperty({ example: '06', description: 'Québec administrative region, 01 to 17' })
  @IsIn(REGIONS, { message: 'region must be a Québec administrative region code from 01 to 17' })
  region: string;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(10000)
  entrepreneurCount: number;

  @ApiProperty({ example: 'parcours-coop', description: 'The program the project is first enrolled in' })
  @IsString()
  @IsNotEmpty()
  programCode: string;

  @ApiPropertyOptional({ description: 'A cohort of that program' })
  @Omittable()
  @IsPositiveId()
  cohortId?: number;

  @ApiPropertyOptional({ description: 'The advisor in charge; an advisor creating a project is its advisor' })
  @Omittable()
  @IsPositiveId()
  advisorId?: number;

  @ApiPropertyOptional({
    description: 'When the project entered the first stage, if earlier than now',
    example: '2024-04-10',
  })
  @Omittable()
  @IsInstant()
  enrolledAt?: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class UpdateProjectDto {
  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sector?: string;

  @ApiPropertyOptional({ enum: PROJECT_KINDS })
  @Omittable()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ enum: COOP_TYPES })
  @Omittable()
  @IsIn(COOP_TYPES)
  coopType?: CoopType;

  @ApiPropertyOptional()
  @Omittable()
  @IsIn(REGIONS, { message: 'region must be a Québec administrative region code from 01 to 17' })
  region?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10000)
  entrepreneurCount?: number;

  @ApiPropertyOptional({ nullable: true, description: 'Coordinators and admins reassign projects' })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsPositiveId()
  advisorId?: number | null;
}

export class CreateEnrollmentDto {
  @ApiProperty({ example: 'transfertcoop' })
  @IsString()
  @IsNotEmpty()
  programCode: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsPositiveId()
  cohortId?: number;

  @ApiPropertyOptional({ example: '2024-05-01' })
  @Omittable()
  @IsInstant()
  enrolledAt?: string;
}

export class UpdateEnrollmentDto {
  @ApiProperty({
    nullable: true,
    description: 'Move the enrollment to another cohort of its program, or out of any (null)',
  })
  @ValidateIf((_, value) => value !== null)
  @IsPositiveId()
  cohortId: number | null;
}
