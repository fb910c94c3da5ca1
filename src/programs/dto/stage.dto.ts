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
import { IsPositiveId, Omittable } from '../../common/validators.js';
import { MILESTONES, type Milestone } from '../stage.entity.js';

export class CreateStageDto {
  @ApiProperty({
    example: 'demarrage-pre-incubation',
    description: 'Lower-case letters, digits and dashes; never changes',
  })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'code must be lower-case words joined by dashes, as in plan-affaires',
  })
  @MaxLength(60)
  code: string;

  @ApiProperty({ example: 'Pré-incubation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelFr: string;

  @ApiProperty({ example: 'Pre-incubation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelEn: string;

  @ApiPropertyOptional({ description: '1-based; the stage goes last when omitted' })
  @Omittable()
  @IsPositiveId()
  position?: number;

  @ApiPropertyOptional({ enum: MILESTONES, nullable: true })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsIn(MILESTONES)
  milestone?: Milestone | null;

  @ApiPropertyOptional({ nullable: true, description: 'Days without activity before the project is flagged' })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  staleAfterDays?: number | null;
}

/** The code is not here on purpose: a stage's code never changes. */
export class UpdateStageDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelFr?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelEn?: string;

  @ApiPropertyOptional({ enum: MILESTONES, nullable: true })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsIn(MILESTONES)
  milestone?: Milestone | null;

  @ApiPropertyOptional({ nullable: true })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  staleAfterDays?: number | null;
}

export class ReorderStagesDto {
  @ApiProperty({
    description: 'Every stage code of the program, in the new order',
    example: ['premier-contact', 'accompagnement'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  codes: string[];
}
