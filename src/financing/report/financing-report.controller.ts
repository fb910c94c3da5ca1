import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { attachmentDisposition } from '../../exports/content-disposition.js';
import { exportFileResponse } from '../../exports/dto/export-file.response.js';
import { ProgramReportQuery } from '../../exports/dto/export.query.js';
import { CONTENT_TYPES } from '../../exports/export-format.js';
import { FinancingReportResponse } from '../dto/financing-report.response.js';
import { FinancingReportService } from './financing-report.service.js';

@ApiTags('financing')
@ApiBearerAuth()
@ApiExtraModels(FinancingReportResponse)
@Controller('reports')
export class FinancingReportController {
  constructor(private readonly reports: FinancingReportService) {}

  // Totals of money, no one's notes nor hours: viewers read it; advisors work on files, not on reports.
  @Roles('admin', 'coordinator', 'viewer')
  @Get('financing')
  @ApiOperation({
    summary: "Report a year's financing",
    description:
      'Amounts requested and granted by source (in the list’s order) and by instrument, the projects ' +
      'financed, and the same per program and per cohort. Which date places a request in the year: its ' +
      'amount requested counts in the year of its `submittedOn` (a request in preparation, or without that ' +
      'date, counts in no year); its amount granted counts, for a granted or paid request, in the year of ' +
      'its `decidedOn` (a paid request recorded without it, in the year of its `paidOn`). A project is ' +
      'financed in the year when a grant of it was decided in the year; the network counts it once, each ' +
      'program and cohort it is enrolled in counts it (so the programs may add up to more than the ' +
      'network). Cents in JSON, dollars with two decimals in CSV and XLSX. CSV: four tables (by source, ' +
      'by instrument, by program with the network, by cohort), each under a title line. XLSX: one sheet ' +
      'per table. JSON: `{year, bySource, byInstrument, total, programs, cohorts}`. The export is logged.',
  })
  @ApiOkResponse(
    exportFileResponse("The year's financing, as an attachment", FinancingReportResponse, 'financement-2023-2024.csv'),
  )
  @ApiBadRequestResponse({
    description:
      'Invalid input: `year` missing or malformed, an unknown `format` or `lang`, or `delimiter` with ' +
      '`format=xlsx` or `json`: nothing is exported',
  })
  @ApiForbiddenResponse({ description: 'An advisor: the report is for coordinators, admins and viewers' })
  async financing(@CurrentUser() user: AuthenticatedUser, @Query() query: ProgramReportQuery): Promise<StreamableFile> {
    const file = await this.reports.prepare(user, {
      year: query.year,
      format: query.format,
      lang: query.lang,
      delimiter: query.delimiter ?? 'comma',
    });
    // Fastify pipes the stream into the response: the file is never whole in memory.
    return new StreamableFile(file.stream, {
      type: CONTENT_TYPES[file.format],
      disposition: attachmentDisposition(file.filename),
    });
  }
}
