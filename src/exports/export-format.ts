export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Headers and labels users read: French first, English on request. */
export const EXPORT_LANGS = ['fr', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/**
 * What separates CSV cells: a comma, or a semicolon for spreadsheets in a French locale (Excel in
 * French opens a comma-separated file in one column, since the comma is its decimal mark there).
 */
export const CSV_DELIMITERS = ['comma', 'semicolon'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** A text in both languages of the service. */
export interface Localised {
  fr: string;
  en: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};
