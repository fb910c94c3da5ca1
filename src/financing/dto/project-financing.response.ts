import { ApiProperty } from '@nestjs/swagger';

/** The totals of a project's funding requests. */
export class ProjectFinancingResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 4500000,
    description: 'Cents asked over all its requests, whatever their status',
  })
  requestedCents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2000000,
    description: 'Cents granted: the requests granted or paid',
  })
  grantedCents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2, description: 'How many requests it made' })
  requests!: number;
}
