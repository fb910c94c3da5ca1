import type { ExportStyle } from '../exports/export-file.js';

/** A year's report in the format asked for; the year as the query gave it, checked by the service. */
export interface YearReportOptions extends ExportStyle {
  year: string | undefined;
}
