import { ApiProperty } from '@nestjs/swagger';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { FUNDING_INSTRUMENTS, type FundingInstrument } from '../funding-request.entity.js';

/** The year's amounts, in cents. */
export class YearAmountsResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 4500000,
    description: 'Cents asked by the requests submitted in the year (`submittedOn`)',
  })
  requestedCents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2000000,
    description: 'Cents granted by the granted or paid requests decided in the year (`decidedOn`)',
  })
  grantedCents!: number;
}

/** The year's amounts and the projects financed. */
export class YearFinancingResponse extends YearAmountsResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 3,
    description: 'Distinct projects with a grant decided in the year',
  })
  projectsFinanced!: number;
}

export class SourceFinancingResponse extends YearAmountsResponse {
  @ApiProperty({ example: 'caisses', description: 'A code of `GET /financing-sources`' })
  code!: string;

  @ApiProperty({ example: 'Caisses Desjardins' })
  labelFr!: string;

  @ApiProperty({ example: 'Desjardins credit unions' })
  labelEn!: string;
}

export class InstrumentFinancingResponse extends YearAmountsResponse {
  @ApiProperty({ enum: FUNDING_INSTRUMENTS, enumName: 'FundingInstrument', example: 'loan' })
  instrument!: FundingInstrument;

  @ApiProperty({ example: 'Prêt' })
  labelFr!: string;

  @ApiProperty({ example: 'Loan' })
  labelEn!: string;
}

export class ProgramFinancingResponse extends YearFinancingResponse {
  @ApiProperty({ example: 'parcours-coop' })
  code!: string;

  @ApiProperty({ example: 'Parcours COOP' })
  nameFr!: string;

  @ApiProperty({ example: 'Parcours COOP (co-op start-up training)' })
  nameEn!: string;
}

export class CohortFinancingResponse extends YearFinancingResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 19 })
  cohortId!: number;

  @ApiProperty({ example: 'parcours-coop' })
  programCode!: string;

  @ApiProperty({ type: 'integer', example: 19 })
  number!: number;

  @ApiProperty({ example: 'Printemps 2023' })
  label!: string;
}

/** The JSON form of a year's financing report. Money in cents. */
export class FinancingReportResponse {
  @ApiProperty({ pattern: REPORTING_YEAR_PATTERN, example: '2023-2024' })
  year!: string;

  @ApiProperty({
    type: () => [SourceFinancingResponse],
    description: 'Every source of the list, in its order (retired ones included); they add up to `total`',
  })
  bySource!: SourceFinancingResponse[];

  @ApiProperty({
    type: () => [InstrumentFinancingResponse],
    description: 'Every instrument, in the order of the API; they add up to `total`',
  })
  byInstrument!: InstrumentFinancingResponse[];

  @ApiProperty({
    type: () => YearFinancingResponse,
    description: 'The network: every request once, each project financed counted once',
  })
  total!: YearFinancingResponse;

  @ApiProperty({
    type: () => [ProgramFinancingResponse],
    description:
      "Every program, by its projects' enrollments: a project enrolled in two programs is in each, so the " +
      'programs may add up to more than `total`',
  })
  programs!: ProgramFinancingResponse[];

  @ApiProperty({
    type: () => [CohortFinancingResponse],
    description: 'The cohorts whose projects asked for or were granted money in the year, by program then start date',
  })
  cohorts!: CohortFinancingResponse[];
}
