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
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { attachmentDisposition } from '../exports/content-disposition.js';
import { exportFileResponse } from '../exports/dto/export-file.response.js';
import { ProgramReportQuery } from '../exports/dto/export.query.js';
import type { ExportFile } from '../exports/export-file.js';
import { CONTENT_TYPES } from '../exports/export-format.js';
import { AdvisoryReportService } from './advisory-report.service.js';
import { AdvisoryReportResponse } from './dto/advisory-report.response.js';
import { FunderReportResponse } from './dto/funder-report.response.js';
import { FunderReportService } from './funder-report.service.js';

const MALFORMED =
  'Invalid input: `year` missing or malformed, an unknown `format` or `lang`, or `delimiter` with `format=xlsx` ' +
  'or `json`: nothing is exported';

/** Fastify pipes the stream into the response. */
const streamable = (file: ExportFile) =>
  new StreamableFile(file.stream, {
    type: CONTENT_TYPES[file.format],
    disposition: attachmentDisposition(file.filename),
  });

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(AdvisoryReportResponse, FunderReportResponse)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly advisory: AdvisoryReportService,
    private readonly funder: FunderReportService,
  ) {}

  @Roles('admin', 'coordinator', 'viewer')
  @Get('advisory')
  @ApiOperation({
    summary: 'Report the advisory services of a year',
    description:
      'Advisory services are the time entries on co-ops dated in the reporting year. The hours (sums of the ' +
      'entries, in hours) and the distinct co-ops served, the same for the year before and the change, the ' +
      "hours by family and type of intervention (the list's order, every active advisory type even at 0), by " +
      "advisor and by the co-op's region. Hours by advisor are personal: a viewer gets the same report without " +
      'them. CSV: the tables one after another, each under a title line. XLSX: one sheet per table. JSON: ' +
      '`{year, from, to, hours, coops, previous, change, byFamily, byAdvisor, byRegion}`. The export is logged.',
  })
  @ApiOkResponse(
    exportFileResponse(
      'The advisory services report, as an attachment',
      AdvisoryReportResponse,
      'services-conseils-2023-2024.csv',
    ),
  )
  @ApiBadRequestResponse({ description: MALFORMED })
  @ApiForbiddenResponse({ description: 'An advisor: the report is for coordinators, admins and viewers' })
  async advisoryReport(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ProgramReportQuery,
  ): Promise<StreamableFile> {
    return streamable(
      await this.advisory.prepare(user, {
        year: query.year,
        format: query.format,
        lang: query.lang,
        delimiter: query.delimiter ?? 'comma',
      }),
    );
  }

  @Roles('admin', 'coordinator', 'viewer')
  @Get('funder')
  @ApiOperation({
    summary: "Report a year to the CQCM's partnership agreement",
    description:
      "The table of the CQCM's *Entente de partenariat*, volet Accompagnement, for the network, rows in its " +
      'order: `startUpInterventions`, `accompanimentInterventions`, `jobsCreated`, `jobsMaintained`, ' +
      '`totalInterventions`, `totalHours`. An **intervention** is one project or one co-op with a time entry ' +
      'dated in the year; a co-op grown from a project (`organizations.projectId`) and that project are one. It ' +
      'is **démarrage** when that project has an enrollment in `demarrage`, `transfertcoop`, `parcours-coop` or ' +
      '`parcours-transfertcoop` that was in its program during the year: enrolled before the year ended, and on ' +
      "the year's first day (Montréal time) neither past the incorporated milestone (no move before the year into " +
      'its stage or a later one) nor abandoned (its last move before the year did not abandon it). Every other ' +
      'intervention, and every co-op without a project, is **accompagnement**. **Jobs created**: the latest ' +
      '`created` count of the projects that reached the incorporated milestone in the year (their first move into ' +
      'that stage or a later one happened in it); a start-up without one is `missing`. **Jobs maintained**: the ' +
      'latest `maintained` count of the takeovers that reached it in the year (without one: `missing`), plus the ' +
      'workers, at the latest date counted in the year, of the co-ops with advisory time in the year (without a ' +
      'count in the year: `missing`), except a co-op grown from a project incorporated in the year, whose jobs ' +
      'that project brings. Totals: interventions = démarrage + accompagnement; hours = every time entry of the ' +
      'year. CSV and XLSX: one line per row (indicator, value, without a count). JSON: `{year, from, to, rows}`. ' +
      'The export is logged.',
  })
  @ApiOkResponse(
    exportFileResponse('The funder table, as an attachment', FunderReportResponse, 'entente-partenariat-2022-2023.csv'),
  )
  @ApiBadRequestResponse({ description: MALFORMED })
  @ApiForbiddenResponse({ description: 'An advisor: the report is for coordinators, admins and viewers' })
  async funderReport(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ProgramReportQuery,
  ): Promise<StreamableFile> {
    return streamable(
      await this.funder.prepare(user, {
        year: query.year,
        format: query.format,
        lang: query.lang,
        delimiter: query.delimiter ?? 'comma',
      }),
    );
  }
}
