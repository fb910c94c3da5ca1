import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsPositiveId, MAX_INTEGER, Omittable, Trim } from '../../common/validators.js';

const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LABEL_FR = {
  minLength: 1,
  maxLength: 200,
  example: 'Fonds régional',
  description: 'The label French readers see',
};
const LABEL_EN = {
  minLength: 1,
  maxLength: 200,
  example: 'Regional fund',
  description: 'The label English readers see',
};
const POSITION = {
  type: 'integer' as const,
  minimum: 1,
  maximum: MAX_INTEGER,
  example: 1,
  description:
    'Where the source goes in the list, from 1 to one past the last (422 beyond); the sources from there ' +
    'move one down',
};

export class CreateFinancingSourceDto {
  @ApiProperty({
    pattern: CODE_PATTERN.source,
    maxLength: 40,
    example: 'fonds-regional',
    description: 'Lower-case words of letters and digits joined by dashes; unique, and never changes',
  })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must be lower-case words joined by dashes, as in fonds-regional' })
  @MaxLength(40)
  code: string;

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

/** The code is not here on purpose: requests refer to a source by it. */
export class UpdateFinancingSourceDto {
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

  @ApiPropertyOptional(POSITION)
  @Omittable()
  @IsPositiveId()
  position?: number;

  @ApiPropertyOptional({
    type: 'boolean',
    example: false,
    description:
      'false retires the source: the requests that used it keep it, new requests and changes of source ' +
      'may no longer name it (400); true brings it back',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
