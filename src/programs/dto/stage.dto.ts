import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsPositiveId, MAX_INTEGER, Omittable } from '../../common/validators.js';
import { MILESTONES, type Milestone } from '../stage.entity.js';
import { NULLABLE_MILESTONE_PROPERTY } from './milestone.property.js';

const LABEL_FR = {
  minLength: 1,
  maxLength: 200,
  example: 'Pré-incubation',
  description: 'The label French readers see',
};
const LABEL_EN = {
  minLength: 1,
  maxLength: 200,
  example: 'Pre-incubation',
  description: 'The label English readers see',
};
const STALE_AFTER_DAYS = {
  type: 'integer' as const,
  minimum: 1,
  maximum: 3650,
  nullable: true,
  example: 90,
  description:
    'Days an active project may sit in this stage with no activity before it is flagged to its advisor; ' +
    'null: never flagged',
};

export class CreateStageDto {
  @ApiProperty({
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    maxLength: 60,
    example: 'pre-incubation',
    description:
      'Lower-case words of letters and digits joined by dashes; unique in the program and never changes. ' +
      'Not `abandoned`, `on_hold` nor `reopen`, which are move targets of their own',
  })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'code must be lower-case words joined by dashes, as in plan-affaires',
  })
  @MaxLength(60)
  code: string;

  @ApiProperty(LABEL_FR)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelFr: string;

  @ApiProperty(LABEL_EN)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelEn: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INTEGER,
    example: 1,
    description:
      'Where the stage goes, from 1 to one past the last stage (422 beyond); the stages from there move one ' +
      'down. Last when omitted',
  })
  @Omittable()
  @IsPositiveId()
  position?: number;

  @ApiPropertyOptional({ ...NULLABLE_MILESTONE_PROPERTY, example: null })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsIn(MILESTONES)
  milestone?: Milestone | null;

  @ApiPropertyOptional(STALE_AFTER_DAYS)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  staleAfterDays?: number | null;
}

/** The code is not here on purpose: a stage's code never changes. */
export class UpdateStageDto {
  @ApiPropertyOptional(LABEL_FR)
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelFr?: string;

  @ApiPropertyOptional(LABEL_EN)
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelEn?: string;

  @ApiPropertyOptional({ ...NULLABLE_MILESTONE_PROPERTY, example: null })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsIn(MILESTONES)
  milestone?: Milestone | null;

  @ApiPropertyOptional(STALE_AFTER_DAYS)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  staleAfterDays?: number | null;
}

export class ReorderStagesDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string' },
    minItems: 1,
    uniqueItems: true,
    description: 'Every stage code of the program, each once, in the new order (422 naming the missing and unknown)',
    example: ['premier-contact', 'accompagnement', 'plan-affaires', 'montage-financier', 'constitution', 'en-activite'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  codes: string[];
}
