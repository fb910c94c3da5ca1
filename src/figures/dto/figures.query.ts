import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsOptional, IsString } from 'class-validator';

export class FreshQuery {
  @ApiPropertyOptional({ description: 'true computes the figures now, with the query the recompute job uses' })
  @IsOptional() @IsBooleanString({ message: 'fresh must be true or false' })
  fresh?: string;
}

export class ProgramYearQuery extends FreshQuery {
  @ApiPropertyOptional({ example: '2023-2024', description: 'The reporting year (required)' })
  @IsOptional() @IsString()
  year?: string;
}
