import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsString } from 'class-validator';
import { Omittable } from '../../common/validators.js';
import { REPORTING_YEAR_PATTERN } from './reporting-year.js';

export class FreshQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    example: 'true',
    description:
      '`true` computes the figures now from the recorded moves, with the aggregate the recompute job uses, ' +
      'instead of reading the stored ones; `false` (the default) reads them',
  })
  @Omittable()
  @IsBooleanString({ message: 'fresh must be true or false' })
  fresh?: string;
}

export class ProgramYearQuery extends FreshQuery {
  // Documented as required, which it is: the service answers 400 naming `year` when it is missing.
  // Validated there rather than here, so that a missing year and a malformed one get one message.
  @ApiProperty({
    pattern: REPORTING_YEAR_PATTERN,
    example: '2023-2024',
    description: 'The reporting year, April to March by default, within 1900 to 2199',
  })
  @Omittable()
  @IsString()
  year?: string;
}
