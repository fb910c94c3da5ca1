import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, ValidateBy } from 'class-validator';
import { Omittable } from '../../common/validators.js';
import { PageQuery } from '../../common/pagination.js';
import {
  CSV_DELIMITERS,
  EXPORT_FORMATS,
  EXPORT_LANGS,
  type CsvDelimiter,
  type ExportFormat,
  type ExportLang,
} from '../export-format.js';

const formatOf = (query: object | undefined) => (query as { format?: string } | undefined)?.format;

/** A CSV option is refused with another format, rather than silently dropped. */
const OnlyForCsv = () =>
  ValidateBy({
    name: 'onlyForCsv',
    validator: {
      validate: (_value, args) => formatOf(args?.object) === 'csv',
      defaultMessage: (args) =>
        `${args?.property} applies to CSV only: leave it out with format=${formatOf(args?.object)}`,
    },
  });

export class ExportFormatQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @Omittable()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({
    enum: EXPORT_LANGS,
    default: 'fr',
    description: 'Language of the headers and labels (CSV and XLSX)',
  })
  @Omittable()
  @IsIn(EXPORT_LANGS, { message: `lang must be one of ${EXPORT_LANGS.join(', ')}` })
  lang: ExportLang = 'fr';

  // No default here: whether it was sent decides whether a non-CSV format refuses it.
  @ApiPropertyOptional({
    enum: CSV_DELIMITERS,
    default: 'comma',
    description: 'CSV only (400 with another format): what separates cells; semicolon for French-locale spreadsheets',
  })
  @Omittable()
  @IsIn(CSV_DELIMITERS, { message: `delimiter must be one of ${CSV_DELIMITERS.join(', ')}` })
  @OnlyForCsv()
  delimiter?: CsvDelimiter;
}

export class CohortExportQuery extends ExportFormatQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: "The contacts' names and e-mails; coordinators and admins only",
  })
  @Omittable()
  @IsIn(['true', 'false'], { message: 'includeContacts must be true or false' })
  includeContacts?: 'true' | 'false';
}

export class ProgramReportQuery extends ExportFormatQuery {
  @ApiPropertyOptional({ example: '2023-2024', description: 'The reporting year (required)' })
  @Omittable()
  @IsString()
  year?: string;
}

export class ExportLogQuery extends PageQuery {}
