import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { Omittable } from '../../common/validators.js';
import { PageQuery } from '../../common/pagination.js';
import { EXPORT_FORMATS, EXPORT_LANGS, type ExportFormat, type ExportLang } from '../export-format.js';

export class ExportFormatQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @Omittable() @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({ enum: EXPORT_LANGS, default: 'fr', description: 'Language of the headers and labels (CSV and XLSX)' })
  @Omittable() @IsIn(EXPORT_LANGS, { message: `lang must be one of ${EXPORT_LANGS.join(', ')}` })
  lang: ExportLang = 'fr';
}

export class CohortExportQuery extends ExportFormatQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: "The contacts' names and e-mails; coordinators and admins only" })
  @Omittable() @IsIn(['true', 'false'], { message: 'includeContacts must be true or false' })
  includeContacts?: 'true' | 'false';
}

export class ProgramReportQuery extends ExportFormatQuery {
  @ApiPropertyOptional({ example: '2023-2024', description: 'The reporting year (required)' })
  @Omittable() @IsString()
  year?: string;
}

export class ExportLogQuery extends PageQuery {}
