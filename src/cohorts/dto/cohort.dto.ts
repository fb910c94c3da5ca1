import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate, Omittable, Trim } from '../../common/validators.js';
import { DELIVERY_MODES, type DeliveryMode } from '../cohort.entity.js';

export class CreateCohortDto {
  @ApiProperty({ example: 'parcours-coop' })
  @IsString()
  @IsNotEmpty()
  programCode: string;

  @ApiProperty({ example: 21, description: 'Unique within the program' })
  @IsInt()
  @Min(1)
  @Max(100000)
  number: number;

  @ApiProperty({ example: 'Printemps 2024' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;

  @ApiProperty({ example: '2024-04-10' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ example: '2024-09-11' })
  @IsCalendarDate()
  endsOn: string;

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  deliveryMode: DeliveryMode;

  @ApiPropertyOptional({ nullable: true, example: 12 })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;
}

export class UpdateCohortDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100000)
  number?: number;

  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional({ enum: DELIVERY_MODES })
  @Omittable()
  @IsIn(DELIVERY_MODES)
  deliveryMode?: DeliveryMode;

  @ApiPropertyOptional({ nullable: true })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;
}

export class ListCohortsQuery {
  @ApiPropertyOptional({ example: 'parcours-coop' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;

  @ApiPropertyOptional({ example: '2023-2024', description: 'Reporting year in which the cohort starts' })
  @Omittable()
  @IsString()
  year?: string;
}
