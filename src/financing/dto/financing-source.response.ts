import { ApiProperty } from '@nestjs/swagger';

/** A source of money a funding request can name. */
export class FinancingSourceResponse {
  @ApiProperty({
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    example: 'caisses',
    description: 'Stable: funding requests refer to the source by it, so it never changes',
  })
  code!: string;

  @ApiProperty({ example: 'Caisses Desjardins et coopératives de crédit', description: 'The label French readers see' })
  labelFr!: string;

  @ApiProperty({ example: 'Desjardins caisses and credit unions', description: 'The label English readers see' })
  labelEn!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: 'Place in the list: sources are numbered 1 to n',
  })
  position!: number;

  @ApiProperty({
    example: true,
    description: 'false: retired, kept on the requests that used it, refused for new ones',
  })
  active!: boolean;
}
