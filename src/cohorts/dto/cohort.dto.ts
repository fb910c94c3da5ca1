import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate, Omittable, Trim } from '../../common/validators.js';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { DELIVERY_MODES, type DeliveryMode } from '../cohort.entity.js';
import { CAPACITY_PROPERTY, DELIVERY_MODE_PROPERTY } from './cohort.properties.js';

const NUMBER = {
  type: 'integer' as const,
  minimum: 1,
  maximum: 100000,
  example: 21,
  description: 'Unique within the program (409 when taken)',
};
const LABEL = {
  minLength: 1,
  maxLength: 200,
  example: 'Printemps 2024',
  description: 'Trimmed of surrounding spaces',
};
const DATE_BOUNDS = 'a date between 1900-01-01 and 2199-12-31';
const STARTS_ON = {
  type: 'string' as const,
  format: 'date',
  example: '2024-04-10',
  description: `First day of the cohort, ${DATE_BOUNDS}`,
};
const ENDS_ON = {
  type: 'string' as const,
  format: 'date',
  example: '2024-09-11',
  description: `Last day of the cohort, ${DATE_BOUNDS}, not before it starts (422)`,
};

export class CreateCohortDto {
  @ApiProperty({
    minLength: 1,
    example: 'parcours-coop',
    description: 'A cohort program: `parcours-coop` or `parcours-transfertcoop` (422 for another)',
  })
  @IsString()
  @IsNotEmpty()
  programCode: string;

  @ApiProperty(NUMBER)
  @IsInt()
  @Min(1)
  @Max(100000)
  number: number;

  @ApiProperty(LABEL)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;

  @ApiProperty(STARTS_ON)
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty(ENDS_ON)
  @IsCalendarDate()
  endsOn: string;

  @ApiProperty(DELIVERY_MODE_PROPERTY)
  @IsIn(DELIVERY_MODES)
  deliveryMode: DeliveryMode;

  @ApiPropertyOptional(CAPACITY_PROPERTY)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;
}

/** Every field may be left out; the program of a cohort never changes. */
export class UpdateCohortDto {
  @ApiPropertyOptional(NUMBER)
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100000)
  number?: number;

  @ApiPropertyOptional(LABEL)
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label?: string;

  @ApiPropertyOptional(STARTS_ON)
  @Omittable()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional(ENDS_ON)
  @Omittable()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional(DELIVERY_MODE_PROPERTY)
  @Omittable()
  @IsIn(DELIVERY_MODES)
  deliveryMode?: DeliveryMode;

  @ApiPropertyOptional({
    ...CAPACITY_PROPERTY,
    description: `${String(CAPACITY_PROPERTY.description)}; not below the projects already enrolled (422)`,
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;
}

export class ListCohortsQuery {
  @ApiPropertyOptional({ minLength: 1, example: 'parcours-coop', description: "Only this program's cohorts" })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;

  @ApiPropertyOptional({
    pattern: REPORTING_YEAR_PATTERN,
    example: '2023-2024',
    description: 'Only the cohorts that start in this reporting year (April to March by default)',
  })
  @Omittable()
  @IsString()
  year?: string;
}
