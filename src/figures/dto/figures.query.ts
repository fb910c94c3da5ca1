import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsString } from 'class-validator';
import { Omittable } from '../../common/validators.js';

export class FreshQuery {
  @ApiPropertyOptional({ description: 'true computes the figures now, with the query the recompute job uses' })
  @Omittable()
  @IsBooleanString({ message: 'fresh must be true or false' })
  fresh?: string;
}

export class ProgramYearQuery extends FreshQuery {
  @ApiPropertyOptional({ example: '2023-2024', description: 'The reporting year (required)' })
  @Omittable()
  @IsString()
  year?: string;
}
