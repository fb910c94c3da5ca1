/**
 * How a reporting year is written: `2023-2024` (April to March by default), or one year, `2024`,
 * when REPORTING_YEAR_START_MONTH is 1 (see `common/reporting-year.ts`).
 */
export const REPORTING_YEAR_PATTERN = '^\\d{4}(-\\d{4})?$';
