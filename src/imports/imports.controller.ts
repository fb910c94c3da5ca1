import { Controller, Get, HttpCode, HttpException, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { badRequest } from '../common/bad-request.js';
import { ImportLogPageResponse, ImportRefusedResponse, ImportReportResponse } from './dto/import-report.response.js';
import { ImportLogQuery, ImportQuery } from './dto/import.query.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MEGABYTES } from './import-limits.js';
import { ImportLogService } from './import-log.service.js';
import { ImportsService, type ImportFile } from './imports.service.js';

@ApiTags('imports')
@ApiBearerAuth()
@Roles(...MANAGERS)
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly log: ImportLogService,
  ) {}

  @Post('projects')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import projects and their history from a spreadsheet',
    description:
      'A CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file (sheet `Projets` or `Projects`, else the ' +
      'first) in the layout the cohort export writes, French or English headers, one row per project and program: ' +
      'the README lists the columns. With `dryRun=true` (the default) the file is checked and the answer says what ' +
      'applying it would create or change, and every problem by row and column; nothing is written. With ' +
      '`dryRun=false` it is applied in one transaction, all or nothing: cohorts matched (or created) by program ' +
      'and number, projects by `N° de projet` or else by program, cohort and name, advisors by e-mail (an unknown ' +
      'one is a problem), each date a move recorded as a move by hand would be. Applying the same file again ' +
      `changes nothing. Files over ${MAX_IMPORT_MEGABYTES} MB are refused (413). Every file sent is logged.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The CSV or XLSX file' } },
    },
  })
  @ApiOkResponse({
    type: ImportReportResponse,
    description: 'A dry run, with or without problems (`accepted`); or the file applied',
  })
  @ApiForbiddenResponse({ description: 'Advisors and viewers' })
  @ApiUnprocessableEntityResponse({
    description:
      'A file with problems, in a dry run or not: nothing was written; `details.problems` lists every one as ' +
      '`{row, column, value, problem}`',
    type: ImportRefusedResponse,
  })
  @ApiPayloadTooLargeResponse({ description: `A file over ${MAX_IMPORT_MEGABYTES} MB: nothing was read` })
  @ApiUnsupportedMediaTypeResponse({ description: 'A request that is not multipart/form-data' })
  async importProjects(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportReportResponse> {
    const file = await receiveFile(request);
    return this.imports.importProjects(user, file, query.dryRun !== 'false');
  }

  @Get('log')
  @ApiOperation({
    summary: 'List the files sent to the import',
    description: 'Newest first: who, when, which file, dry run or applied, accepted or not, and what it did. Paged.',
  })
  @ApiOkResponse({ type: ImportLogPageResponse })
  list(@Query() query: ImportLogQuery): Promise<ImportLogPageResponse> {
    return this.log.list(query);
  }
}

/** The one file of the form, whole in memory: the size limit keeps that small. */
async function receiveFile(request: FastifyRequest): Promise<ImportFile> {
  if (!request.isMultipart())
    throw new HttpException({ message: 'Send the file as multipart/form-data, in a field named file' }, 415);
  const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
  if (!part || part.fieldname !== 'file') throw badRequest('The form has no field named file holding the file');
  const content = await part.toBuffer();
  return { filename: part.filename || 'import', contentType: part.mimetype, content };
}
