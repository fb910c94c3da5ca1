import { ApiProperty } from '@nestjs/swagger';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import type { DeliveryMode } from '../cohort.entity.js';
import { CAPACITY_PROPERTY, DELIVERY_MODE_PROPERTY } from './cohort.properties.js';

/** A numbered cohort of a cohort program, with its reporting year and how many projects it holds. */
export class CohortResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  id!: number;

  @ApiProperty({ example: 'parcours-coop', description: 'The cohort program it belongs to' })
  programCode!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 19, description: 'Unique within the program' })
  number!: number;

  @ApiProperty({ example: 'Printemps 2023' })
  label!: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2023-04-12', description: 'First day of the cohort' })
  startsOn!: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2023-09-13', description: 'Last day of the cohort' })
  endsOn!: string;

  @ApiProperty(DELIVERY_MODE_PROPERTY)
  deliveryMode!: DeliveryMode;

  @ApiProperty(CAPACITY_PROPERTY)
  capacity!: number | null;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2023-03-01T14:30:00.000Z',
    description: 'When the cohort was created',
  })
  createdAt!: Date;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2023-03-01T14:30:00.000Z',
    description: 'When the cohort last changed',
  })
  updatedAt!: Date;

  @ApiProperty({
    type: 'string',
    pattern: REPORTING_YEAR_PATTERN,
    nullable: true,
    example: '2023-2024',
    description:
      'The reporting year the cohort belongs to: the one in which it starts; null for a start date no reporting ' +
      'year can be written for',
  })
  year!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 7,
    description: 'Projects enrolled in the cohort, including those that left it',
  })
  enrolledCount!: number;
}
