import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsPositiveId, MAX_INTEGER, Omittable, Trim } from '../../common/validators.js';

const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LABEL_FR = { minLength: 1, maxLength: 200, example: 'Gouvernance', description: 'The label French readers see' };
const LABEL_EN = { minLength: 1, maxLength: 200, example: 'Governance', description: 'The label English readers see' };
const POSITION = {
  type: 'integer' as const,
  minimum: 1,
  maximum: MAX_INTEGER,
  example: 1,
  description:
    'Place within its family, from 1 to one past the last type (422 beyond); the types from there move one down',
};

export class CreateInterventionTypeDto {
  @ApiProperty({
    pattern: CODE_PATTERN.source,
    maxLength: 60,
    example: 'gouvernance',
    description: 'Lower-case words of letters and digits joined by dashes; unique and never changes',
  })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must be lower-case words joined by dashes, as in plan-marketing' })
  @MaxLength(60)
  code: string;

  @ApiProperty({
    maxLength: 60,
    example: 'gestion-collective',
    description: 'The family it belongs to (422 when there is none by that code)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  familyCode: string;

  @ApiProperty(LABEL_FR)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelFr: string;

  @ApiProperty(LABEL_EN)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelEn: string;

  @ApiPropertyOptional({ ...POSITION, description: `${POSITION.description}. Last when omitted` })
  @Omittable()
  @IsPositiveId()
  position?: number;
}

/** Code and family are not here on purpose: entries refer to the type by its code, and reports by family. */
export class UpdateInterventionTypeDto {
  @ApiPropertyOptional(LABEL_FR)
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelFr?: string;

  @ApiPropertyOptional(LABEL_EN)
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  labelEn?: string;

  @ApiPropertyOptional({ ...POSITION, description: 'Moves it within its family (422 past the last type)' })
  @Omittable()
  @IsPositiveId()
  position?: number;

  @ApiPropertyOptional({
    type: 'boolean',
    example: false,
    description: 'false retires it: past entries keep it, new entries are refused with it; true brings it back',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
