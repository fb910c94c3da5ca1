import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DATE_RANGE_TEXT, IsCalendarDate, Omittable, Trim } from '../../common/validators.js';
import {
  FUNDING_INSTRUMENTS,
  FUNDING_STATUSES,
  type FundingInstrument,
  type FundingStatus,
} from '../funding-request.entity.js';
import { MAX_AMOUNT_CENTS } from '../funding-rules.js';

/** An amount in cents: a whole number, never negative, within the documented bound. */
const IsCents = () =>
  applyDecorators(
    IsInt({ message: ({ property }) => `${property} must be a whole number of cents` }),
    Min(0, { message: ({ property }) => `${property} must not be negative` }),
    Max(MAX_AMOUNT_CENTS, { message: ({ property }) => `${property} must be at most ${MAX_AMOUNT_CENTS} cents` }),
  );

const SOURCE_CODE = {
  maxLength: 40,
  example: 'caisses',
  description: 'An active source of `GET /financing-sources` (400 for an unknown or retired one)',
};
const INSTRUMENT = {
  enum: FUNDING_INSTRUMENTS,
  enumName: 'FundingInstrument',
  example: 'loan',
  description: 'loan, patient_loan (capital repaid late, at a low rate), grant, or members_shares',
};
const STATUS = {
  enum: FUNDING_STATUSES,
  enumName: 'FundingStatus',
  example: 'submitted',
  description:
    'in_preparation, submitted (needs `submittedOn`), granted or refused (need `decidedOn`), paid (needs ' +
    '`paidOn`). Dates of later steps than the status are refused (400)',
};
const REQUESTED = {
  type: 'integer' as const,
  minimum: 0,
  maximum: MAX_AMOUNT_CENTS,
  example: 2500000,
  description: `Amount asked, in cents (2500000 is 25,000.00 $): a whole number from 0 to ${MAX_AMOUNT_CENTS} (10 million dollars)`,
};
const GRANTED = {
  type: 'integer' as const,
  minimum: 0,
  maximum: MAX_AMOUNT_CENTS,
  nullable: true,
  example: null,
  description:
    'Amount granted, in cents, at most `requestedCents`: required when the status is granted or paid, null ' +
    'or left out otherwise (400)',
};
const date = (what: string, example: string | null) => ({
  type: 'string' as const,
  format: 'date',
  nullable: true,
  example,
  description:
    `${what}: a Montréal calendar date, ${DATE_RANGE_TEXT}, never after today; dates follow one another ` +
    '(submitted, decided, paid)',
});
const NOTE = {
  type: 'string' as const,
  nullable: true,
  minLength: 1,
  maxLength: 5000,
  example: 'La caisse demande les états financiers prévisionnels sur trois ans',
  description: 'Free text, trimmed; null erases it. Never shown to viewers',
};

/** What both a new request and a change may give, each nullable: the grant, the dates, the note. */
class FundingRequestDetailsDto {
  @ApiPropertyOptional(GRANTED)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsCents()
  grantedCents?: number | null;

  @ApiPropertyOptional(date('Sent to the source', '2024-02-12'))
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  submittedOn?: string | null;

  @ApiPropertyOptional(date('The source answered', null))
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  decidedOn?: string | null;

  @ApiPropertyOptional(date('The money was received', null))
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  paidOn?: string | null;

  @ApiPropertyOptional(NOTE)
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note?: string | null;
}

export class CreateFundingRequestDto extends FundingRequestDetailsDto {
  @ApiProperty(SOURCE_CODE)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  sourceCode: string;

  @ApiProperty(INSTRUMENT)
  @IsIn(FUNDING_INSTRUMENTS)
  instrument: FundingInstrument;

  @ApiProperty(REQUESTED)
  @IsCents()
  requestedCents: number;

  @ApiProperty(STATUS)
  @IsIn(FUNDING_STATUSES)
  status: FundingStatus;
}

/**
 * Any of the fields; the request as it will be is checked whole, as on creation. A change of status
 * drops the amount granted and the dates the new status does not take, unless they are sent.
 */
export class UpdateFundingRequestDto extends FundingRequestDetailsDto {
  @ApiPropertyOptional(SOURCE_CODE)
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  sourceCode?: string;

  @ApiPropertyOptional(INSTRUMENT)
  @Omittable()
  @IsIn(FUNDING_INSTRUMENTS)
  instrument?: FundingInstrument;

  @ApiPropertyOptional(REQUESTED)
  @Omittable()
  @IsCents()
  requestedCents?: number;

  @ApiPropertyOptional(STATUS)
  @Omittable()
  @IsIn(FUNDING_STATUSES)
  status?: FundingStatus;
}
