import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { FUNDER_ROW_KEYS, type FunderRowKey } from '../funder-rows.js';

/** One row of the partnership agreement's table. */
export class FunderRowResponse {
  @ApiProperty({ enum: FUNDER_ROW_KEYS, enumName: 'FunderRowKey', example: 'jobsCreated' })
  key: FunderRowKey;

  @ApiProperty({ example: 'Emplois créés' })
  labelFr: string;

  @ApiProperty({ example: 'Jobs created' })
  labelEn: string;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    example: 23,
    description: 'A count, or hours (in quarter hours, exact) on the hours row',
  })
  value: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    example: 2,
    description:
      'Jobs rows only: how many of the projects or co-ops behind the value have no count recorded (a gap, not zero)',
  })
  missing?: number;
}

/** The JSON form of the funder report (CQCM, Entente de partenariat, volet Accompagnement). */
export class FunderReportResponse {
  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2022-2023' })
  year: string;

  @ApiProperty({ format: 'date', example: '2022-04-01', description: 'First day of the year' })
  from: string;

  @ApiProperty({ format: 'date', example: '2023-03-31', description: 'Last day of the year' })
  to: string;

  @ApiProperty({ type: () => [FunderRowResponse], description: "The table's rows, in its order" })
  rows: FunderRowResponse[];
}
