import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import { EXPORT_KINDS, type ExportKind } from '../export-log.entity.js';
import { EXPORT_FORMATS, EXPORT_LANGS } from '../export-format.js';
import { nullableRef } from '../../openapi/nullable.js';

/** Who took an export. */
export class ExportLogUserResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  id: number;

  @ApiProperty({ example: 'Coordination (démo)' })
  name: string;

  @ApiProperty({ format: 'email', example: 'coordination@demo.coop.example' })
  email: string;
}

/** One export someone took: exports carry personal information (Law 25), so each is recorded. */
@ApiExtraModels(ExportLogUserResponse)
export class ExportLogEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 41 })
  id: number;

  @ApiProperty(
    nullableRef(ExportLogUserResponse, 'Who took it; null if that account cannot be found', {
      id: 2,
      name: 'Coordination (démo)',
      email: 'coordination@demo.coop.example',
    }),
  )
  user: ExportLogUserResponse | null;

  @ApiProperty({
    enum: EXPORT_KINDS,
    enumName: 'ExportKind',
    example: 'cohort',
    description:
      'cohort: `GET /cohorts/:id/export`; program-report: `GET /programs/:code/report`; advisory-report: ' +
      '`GET /reports/advisory`; funder-report: `GET /reports/funder`; financing-report: `GET /reports/financing`',
  })
  kind: ExportKind;

  @ApiProperty({
    example: '19',
    description:
      'What was exported: the cohort id, `<program code>:<reporting year>` for a program report, the reporting ' +
      'year for the advisory and funder reports',
  })
  target: string;

  @ApiProperty({ enum: EXPORT_FORMATS, enumName: 'ExportFormat', example: 'csv' })
  format: string;

  @ApiProperty({ example: false, description: "Whether the file held the contacts' names and e-mails" })
  includeContacts: boolean;

  @ApiProperty({ enum: EXPORT_LANGS, enumName: 'ExportLang', example: 'fr' })
  lang: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2024-04-02T13:45:00.000Z' })
  createdAt: Date;
}

/** One page of the export log, newest first. */
export class ExportLogPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [ExportLogEntryResponse] })
  items: ExportLogEntryResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Exports logged, on every page' })
  total: number;
}
