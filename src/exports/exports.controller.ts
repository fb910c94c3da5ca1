import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CohortExportService } from './cohort-export.service.js';
import { attachmentDisposition } from './content-disposition.js';
import { CohortExportQuery, ExportLogQuery, ProgramReportQuery } from './dto/export.query.js';
import type { ExportFile } from './export-file.js';
import { CONTENT_TYPES } from './export-format.js';
import { ExportLogService } from './export-log.service.js';
import { ProgramReportService } from './program-report.service.js';

const PRODUCES = Object.values(CONTENT_TYPES);

/** Fastify pipes the stream into the response: the file is never whole in memory. */
const streamable = (file: ExportFile) =>
  new StreamableFile(file.stream, {
    type: CONTENT_TYPES[file.format],
    disposition: attachmentDisposition(file.filename),
  });

@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class ExportsController {
  constructor(
    private readonly cohortExports: CohortExportService,
    private readonly reports: ProgramReportService,
    private readonly log: ExportLogService,
  ) {}

  /** One row per project, then the cohort's figures; contacts only for coordinators and admins. Logged. */
  @Get('cohorts/:id/export')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ description: 'The file, as an attachment' })
  async cohort(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Query() query: CohortExportQuery,
  ) {
    return streamable(
      await this.cohortExports.prepare(user, id, {
        format: query.format,
        lang: query.lang,
        delimiter: query.delimiter ?? 'comma',
        includeContacts: query.includeContacts === 'true',
      }),
    );
  }

  /** The year as the annual report shows it: cohorts and total, accompaniment funnels, transfers by stage. Logged. */
  @Get('programs/:code/report')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ description: 'The file, as an attachment' })
  async report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('code') code: string,
    @Query() query: ProgramReportQuery,
  ) {
    return streamable(
      await this.reports.prepare(user, code, {
        year: query.year,
        format: query.format,
        lang: query.lang,
        delimiter: query.delimiter ?? 'comma',
      }),
    );
  }

  /** Every export taken, newest first. */
  @Roles(...MANAGERS)
  @Get('exports/log')
  list(@Query() query: ExportLogQuery) {
    return this.log.list(query);
  }
}
