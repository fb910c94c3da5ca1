import type { FundingInstrument } from '../funding-request.entity.js';

/** Amounts of one reporting year, in cents: requested by submission date, granted by decision date. */
export interface YearAmounts {
  requestedCents: number;
  grantedCents: number;
}

/** The amounts and the distinct projects with a grant decided in the year. */
export interface YearFinancing extends YearAmounts {
  projectsFinanced: number;
}

export interface SourceFinancing extends YearAmounts {
  code: string;
  labelFr: string;
  labelEn: string;
}

export interface InstrumentFinancing extends YearAmounts {
  instrument: FundingInstrument;
  labelFr: string;
  labelEn: string;
}

export interface ProgramFinancing extends YearFinancing {
  code: string;
  nameFr: string;
  nameEn: string;
}

export interface CohortFinancing extends YearFinancing {
  cohortId: number;
  programCode: string;
  number: number;
  label: string;
}

export interface FinancingReport {
  year: string;
  bySource: SourceFinancing[];
  byInstrument: InstrumentFinancing[];
  total: YearFinancing;
  programs: ProgramFinancing[];
  cohorts: CohortFinancing[];
}
