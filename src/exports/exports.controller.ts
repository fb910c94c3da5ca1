import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { MAX_INTEGER } from '../common/validators.js';
import { RateResponse } from '../figures/dto/rate.response.js';
import { CohortExportService } from './cohort-export.service.js';
import { attachmentDisposition } from './content-disposition.js';
import { CohortExportResponse } from './dto/cohort-export.response.js';
import { ExportLogPageResponse } from './dto/export-log.response.js';
import { exportFileResponse } from './dto/export-file.response.js';
import { CohortExportQuery, ExportLogQuery, ProgramReportQuery } from './dto/export.query.js';
import { ProgramReportResponse } from './dto/program-report.response.js';
import type { ExportFile } from './export-file.js';
import { CONTENT_TYPES } from './export-format.js';
import { ExportLogService } from './export-log.service.js';
import { ProgramReportService } from './program-report.service.js';

/** What a malformed export request is refused for, besides what each operation adds. */
const MALFORMED = 'an unknown `format` or `lang`, or `delimiter` with `format=xlsx` or `json`: nothing is exported';

/** Fastify pipes the stream into the response: the file is never whole in memory. */
const streamable = (file: ExportFile) =>
  new StreamableFile(file.stream, {
    type: CONTENT_TYPES[file.format],
    disposition: attachmentDisposition(file.filename),
  });

@ApiTags('exports')
@ApiBearerAuth()
@ApiExtraModels(CohortExportResponse, ProgramReportResponse, RateResponse)
@Controller()
export class ExportsController {
  constructor(
    private readonly cohortExports: CohortExportService,
    private readonly reports: ProgramReportService,
    private readonly log: ExportLogService,
  ) {}

  @Get('cohorts/:id/export')
  @ApiOperation({
    summary: "Export a cohort's results",
    description:
      'One row per project (who they are, where they stand, the Montréal date each milestone was reached, the ' +
      "days since enrolment), then the cohort's figures as of the last recorded move (the stored ones when no " +
      'change waits for them, else computed when the export starts, as `GET /cohorts/:id/stats?fresh=true`), and ' +
      'its satisfaction. CSV: the projects table, an empty line, ' +
      'then the figures. XLSX: sheets `Projets` and `Indicateurs` (`Projects`, `Figures` in English). JSON: ' +
      '`{cohort, projects, figures, satisfaction}`. The file is streamed as it is read, and the export is logged.',
  })
  @ApiParam({
    name: 'id',
    description: 'The cohort id',
    // Inside the schema: beside a schema, @nestjs/swagger drops the parameter's own example.
    schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGER, example: 19 },
  })
  @ApiOkResponse(
    exportFileResponse("The cohort's file, as an attachment", CohortExportResponse, 'cohorte-19-parcours-coop.csv'),
  )
  @ApiBadRequestResponse({
    description: `Invalid input: an id that is not a whole number, \`includeContacts\` other than true or false, ${MALFORMED}`,
  })
  @ApiForbiddenResponse({ description: '`includeContacts=true` from an advisor or a viewer: nothing is exported' })
  @ApiNotFoundResponse({ description: 'No cohort has this id' })
  async cohort(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Query() query: CohortExportQuery,
  ): Promise<StreamableFile> {
    return streamable(
      await this.cohortExports.prepare(user, id, {
        format: query.format,
        lang: query.lang,
        delimiter: query.delimiter ?? 'comma',
        includeContacts: query.includeContacts === 'true',
      }),
    );
  }

  @Get('programs/:code/report')
  @ApiOperation({
    summary: "Export a cohort program's year for the annual report",
    description:
      "The year's cohorts and their total (registered, completed, incorporated, completion and start rates, " +
      "entrepreneurs, satisfaction; the total's start rate is incorporated / registered, a cohort's incorporated / " +
      'completed), the funnel of each accompaniment program over the same year, and the transfer ' +
      "accompaniment's projects by current stage, computed from the recorded moves when the export starts, and " +
      "the hours and jobs of the year's cohort projects: hours of their time entries dated in the year; jobs " +
      'created and maintained, the latest count of each of them whose first move into its incorporated stage ' +
      'falls in the year, with how many lack a count (`missing`: start-ups for jobs created, takeovers for jobs ' +
      'maintained; a gap, never a zero). CSV: the four tables one after another, each under a title line. XLSX: ' +
      'one sheet per table. JSON: `{program, year, cohorts, total, funnels, transfersByStage, work, computedAt, ' +
      'pending}`. The export is logged.',
  })
  @ApiParam({
    name: 'code',
    description: 'The code of a cohort program',
    schema: { type: 'string', example: 'parcours-coop' },
  })
  @ApiOkResponse(
    exportFileResponse(
      "The year's report, as an attachment",
      ProgramReportResponse,
      'rapport-parcours-coop-2023-2024.csv',
    ),
  )
  @ApiBadRequestResponse({ description: `Invalid input: \`year\` missing or malformed, ${MALFORMED}` })
  @ApiNotFoundResponse({ description: 'No program has this code' })
  @ApiUnprocessableEntityResponse({
    description: 'The program is not run in cohorts: its funnel is in the report of a cohort program',
  })
  async report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('code') code: string,
    @Query() query: ProgramReportQuery,
  ): Promise<StreamableFile> {
    return streamable(
      await this.reports.prepare(user, code, {
        year: query.year,
        format: query.format,
        lang: query.lang,
        delimiter: query.delimiter ?? 'comma',
      }),
    );
  }

  @Roles(...MANAGERS)
  @Get('exports/log')
  @ApiOperation({
    summary: 'List the exports taken',
    description:
      'Every export served, newest first: who, what, which format and language, with contacts or not, when. ' +
      'Exports carry personal information (Law 25); a refused one is not logged. Paged.',
  })
  @ApiOkResponse({ type: ExportLogPageResponse })
  list(@Query() query: ExportLogQuery): Promise<ExportLogPageResponse> {
    return this.log.list(query);
  }
}
