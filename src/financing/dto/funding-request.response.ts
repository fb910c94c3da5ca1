import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableRef } from '../../openapi/nullable.js';
import { NOT_SHOWN_TO_VIEWERS } from '../../projects/dto/not-shown-to-viewers.js';
import { PersonResponse } from '../../users/dto/person.response.js';
import {
  FUNDING_INSTRUMENTS,
  FUNDING_STATUSES,
  type FundingInstrument,
  type FundingStatus,
} from '../funding-request.entity.js';
import { MAX_AMOUNT_CENTS } from '../funding-rules.js';
import { ProjectFinancingResponse } from './project-financing.response.js';

const localDate = (description: string, example: string | null) => ({
  type: 'string' as const,
  format: 'date',
  nullable: true,
  example,
  description,
});

/** One request of a project's financial set-up to one source. */
@ApiExtraModels(PersonResponse)
export class FundingRequestResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 4 })
  id!: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'The project asking' })
  projectId!: number;

  @ApiProperty({ example: 'caisses', description: 'The source asked, a code of `GET /financing-sources`' })
  sourceCode!: string;

  @ApiProperty({ enum: FUNDING_INSTRUMENTS, enumName: 'FundingInstrument', example: 'loan' })
  instrument!: FundingInstrument;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_AMOUNT_CENTS,
    example: 2500000,
    description: 'Amount asked, in cents',
  })
  requestedCents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_AMOUNT_CENTS,
    nullable: true,
    example: 2000000,
    description: 'Amount granted, in cents; null unless the status is granted or paid',
  })
  grantedCents!: number | null;

  @ApiProperty({ enum: FUNDING_STATUSES, enumName: 'FundingStatus', example: 'granted' })
  status!: FundingStatus;

  @ApiProperty(localDate('Sent to the source (Montréal date)', '2024-02-12'))
  submittedOn!: string | null;

  @ApiProperty(localDate('The source answered (Montréal date)', '2024-03-20'))
  decidedOn!: string | null;

  @ApiProperty(localDate('The money was received (Montréal date)', null))
  paidOn!: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    example: 'La caisse demande les états financiers prévisionnels sur trois ans',
    description: `Free text. ${NOT_SHOWN_TO_VIEWERS}`,
  })
  note?: string | null;

  @ApiProperty(
    nullableRef(PersonResponse, 'Who recorded it; null when their account is gone', {
      id: 3,
      name: 'Conseillère (démo)',
    }),
  )
  recordedBy!: PersonResponse | null;

  @ApiProperty({ example: false, description: 'A demo stand-in: an invented amount for a demo project' })
  demo!: boolean;

  @ApiProperty({ format: 'date-time', example: '2024-02-12T15:02:11.000Z', description: 'When it was recorded' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time', example: '2024-03-20T14:02:11.000Z', description: 'Its last change' })
  updatedAt!: Date;
}

/** A project's funding requests, oldest first, and their totals. */
export class ProjectFundingRequestsResponse {
  @ApiProperty({ type: () => [FundingRequestResponse] })
  items!: FundingRequestResponse[];

  @ApiProperty({ type: () => ProjectFinancingResponse })
  financing!: ProjectFinancingResponse;
}
