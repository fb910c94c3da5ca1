import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';

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
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'csv',
    example: 'xlsx',
    description: 'csv (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), xlsx, or json',
  })
  @Omittable()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({
    enum: EXPORT_LANGS,
    default: 'fr',
    example: 'fr',
    description:
      'Language of the headers, labels and rates people read in CSV and XLSX, and of the file name (JSON keeps ' +
      'both languages of its labels)',
  })
  @Omittable()
  @IsIn(EXPORT_LANGS, { message: `lang must be one of ${EXPORT_LANGS.join(', ')}` })
  lang: ExportLang = 'fr';

  // No default here: whether it was sent decides whether a non-CSV format refuses it.
  @ApiPropertyOptional({
    enum: CSV_DELIMITERS,
    default: 'comma',
    example: 'semicolon',
    description:
      'CSV only (400 with format=xlsx or json, even `comma`): what separates cells; semicolon for spreadsheets ' +
      'in a French locale. The rows are the same, numbers included (a decimal keeps its `.`)',
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
    example: 'false',
    description:
      "true adds the contacts' names and e-mails (personal information): coordinators and admins only, 403 " +
      'for the others, with nothing exported',
  })
  @Omittable()
  @IsIn(['true', 'false'], { message: 'includeContacts must be true or false' })
  includeContacts?: 'true' | 'false';
}

export class ProgramReportQuery extends ExportFormatQuery {
  // Documented as required, which it is: the service answers 400 naming `year` when it is missing.
  // Validated there rather than here, so that a missing year and a malformed one get one message.
  @ApiProperty({
    pattern: REPORTING_YEAR_PATTERN,
    example: '2023-2024',
    description: 'The reporting year, April to March by default (400 when missing or malformed)',
  })
  @Omittable()
  @IsString()
  year?: string;
}

export class ExportLogQuery extends PageQuery {}
