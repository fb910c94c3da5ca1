import type { EntityManager } from 'typeorm';
import type { ReportingYear } from '../../common/reporting-year.js';
import { namedQuery } from '../../database/named-query.js';
import { FUNDING_INSTRUMENTS, type FundingInstrument } from '../funding-request.entity.js';
import {
  BY_COHORT_SQL,
  BY_INSTRUMENT_SQL,
  BY_PROGRAM_SQL,
  BY_SOURCE_SQL,
  NETWORK_SQL,
} from './financing-report.sql.js';
import type { FinancingReport, YearFinancing } from './financing-report.types.js';
import { INSTRUMENT_LABELS } from './instrument-labels.js';

interface AmountsRow {
  requested: unknown;
  granted: unknown;
  financed: unknown;
}

// PostgreSQL answers SUM and COUNT as bigint, which its driver gives as text: hence Number.
const figuresOf = (row: AmountsRow | undefined): YearFinancing => ({
  requestedCents: Number(row?.requested ?? 0),
  grantedCents: Number(row?.granted ?? 0),
  projectsFinanced: Number(row?.financed ?? 0),
});
const amountsOf = (row: AmountsRow | undefined) => {
  const { requestedCents, grantedCents } = figuresOf(row);
  return { requestedCents, grantedCents };
};

/** The year's financing figures, each an aggregate of the database: no request is read one by one. */
export async function readFinancingReport(manager: EntityManager, year: ReportingYear): Promise<FinancingReport> {
  const parameters = { fromDate: year.from, untilDate: year.until };
  const query = <Row>(sql: string) => namedQuery<Row & AmountsRow>(manager, sql, parameters);
  const [sources, instruments, [network], programs, cohorts] = await Promise.all([
    query<{ code: string; label_fr: string; label_en: string }>(BY_SOURCE_SQL),
    query<{ instrument: string }>(BY_INSTRUMENT_SQL),
    query<object>(NETWORK_SQL),
    query<{ code: string; name_fr: string; name_en: string }>(BY_PROGRAM_SQL),
    query<{ cohort_id: unknown; program_code: string; number: unknown; label: string }>(BY_COHORT_SQL),
  ]);
  const byInstrument = new Map(instruments.map((row) => [row.instrument, row]));
  return {
    year: year.label,
    bySource: sources.map((row) => ({
      code: row.code,
      labelFr: row.label_fr,
      labelEn: row.label_en,
      ...amountsOf(row),
    })),
    byInstrument: FUNDING_INSTRUMENTS.map((instrument: FundingInstrument) => ({
      instrument,
      labelFr: INSTRUMENT_LABELS[instrument].fr,
      labelEn: INSTRUMENT_LABELS[instrument].en,
      ...amountsOf(byInstrument.get(instrument)),
    })),
    total: figuresOf(network),
    programs: programs.map((row) => ({
      code: row.code,
      nameFr: row.name_fr,
      nameEn: row.name_en,
      ...figuresOf(row),
    })),
    // A cohort whose projects asked for nothing and were granted nothing this year has no line.
    cohorts: cohorts
      .map((row) => ({
        cohortId: Number(row.cohort_id),
        programCode: row.program_code,
        number: Number(row.number),
        label: row.label,
        ...figuresOf(row),
      }))
      .filter((cohort) => cohort.requestedCents > 0 || cohort.grantedCents > 0 || cohort.projectsFinanced > 0),
  };
}
