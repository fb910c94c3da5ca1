/**
 * How a reporting year is written: `2023-2024` (April to March by default), or one year, `2024`,
 * when REPORTING_YEAR_START_MONTH is 1 and the year is the calendar year.
 */
export const REPORTING_YEAR_PATTERN = '^\\d{4}(-\\d{4})?$';
