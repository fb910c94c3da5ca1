import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { badRequest } from '../common/bad-request.js';
import { etagOf, parseIfMatch } from '../common/if-match.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ContactResponse } from './dto/contact.response.js';
import { EnrollmentResponse } from './dto/enrollment.response.js';
import { HistoryEntryResponse } from './dto/history-entry.response.js';
import { MoveResponse } from './dto/move.response.js';
import { ProjectPageResponse } from './dto/project-page.response.js';
import {
  ContactDto,
  CreateEnrollmentDto,
  CreateProjectDto,
  UpdateEnrollmentDto,
  UpdateProjectDto,
} from './dto/project.dto.js';
import { ProjectResponse } from './dto/project.response.js';
import { ListProjectsQuery } from './dto/list-projects.query.js';
import { HistoryQuery, TransitionDto } from './dto/transition.dto.js';
import {
  ENROLLMENT_ETAG,
  EnrollmentIfMatch,
  MOVED_ENROLLMENT_ETAG,
  PROJECT_ETAG,
  ProgramCodeParam,
  ProjectIdParam,
  ProjectIfMatch,
} from './project-api-docs.js';
import { ProjectsService } from './projects.service.js';
import { TransitionsService } from './transitions.service.js';

const ADVISOR_ON_ANOTHERS =
  'Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may)';
const WITHOUT_FREE_TEXT = 'Viewers get no free text: `statusReason`, `snoozeReason`, `note` and `reason` are left out.';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly transitions: TransitionsService,
  ) {}

  @Roles(...WRITERS)
  @Post()
  @ApiOperation({
    summary: 'Create a project',
    description:
      "Creates the project, its contacts and its enrollment in the program's first stage (the project and the " +
      'enrollment at version 1). A project an advisor creates is assigned to them.',
  })
  @ApiCreatedResponse({ type: ProjectResponse, description: 'The project, with its contacts and its enrollment' })
  @ApiForbiddenResponse({ description: 'Viewers; an advisor naming another advisor in `advisorId`' })
  @ApiUnprocessableEntityResponse({
    description:
      'An unknown program; a cohort that does not exist, belongs to another program or is full; a `cohortId` ' +
      'for a program without cohorts; an `advisorId` that is not an active advisor, coordinator or admin; ' +
      'an `enrolledAt` in the future',
  })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateProjectDto): Promise<ProjectResponse> {
    return this.projects.create(user, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List projects',
    description:
      'One page of projects with their enrollments, without contacts. The filters on enrollments ' +
      '(`programCode`, `cohortId`, `stage`, `status`) must all hold for the same enrollment. ' +
      WITHOUT_FREE_TEXT,
  })
  @ApiOkResponse({ type: ProjectPageResponse })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListProjectsQuery): Promise<ProjectPageResponse> {
    return this.projects.list(user, query);
  }

  @Get(':id')
  @ProjectIdParam()
  @ApiOperation({
    summary: 'Read a project',
    description:
      "The project with its enrollments (each with its own `version`) and, for staff, its contacts. The ETag is the project's " +
      'version, for `PATCH /projects/:id`; a move expects the version of its enrollment instead ' +
      '(`GET /projects/:id/enrollments/:programCode`). ' +
      WITHOUT_FREE_TEXT,
  })
  @ApiOkResponse({ type: ProjectResponse, headers: PROJECT_ETAG })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectResponse> {
    const project = await this.projects.get(user, id);
    void reply.header('ETag', etagOf(project.version));
    return project;
  }

  @Roles(...WRITERS)
  @Patch(':id')
  @ProjectIdParam()
  @ProjectIfMatch()
  @ApiOperation({
    summary: "Change a project's fields",
    description:
      "Changes the fields sent and bumps the project's version (nothing sent, nothing bumped). `If-Match` " +
      "expects the project's version: the ETag of `GET /projects/:id`. Reassigning (`advisorId`) is for " +
      'coordinators and admins.',
  })
  @ApiOkResponse({ type: ProjectResponse, headers: PROJECT_ETAG })
  @ApiForbiddenResponse({ description: `${ADVISOR_ON_ANOTHERS}; an advisor changing \`advisorId\`` })
  @ApiConflictResponse({
    description:
      "`If-Match` is not the project's current version (`details.currentVersion` has it), or someone changed " +
      'the project at the same moment; nothing was changed',
  })
  @ApiUnprocessableEntityResponse({ description: '`advisorId` is not an active advisor, coordinator or admin' })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateProjectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectResponse> {
    const project = await this.projects.update(user, id, body, parseIfMatch(ifMatch));
    void reply.header('ETag', etagOf(project.version));
    return project;
  }

  @Roles(...WRITERS)
  @Post(':id/enrollments')
  @ProjectIdParam()
  @ApiOperation({
    summary: 'Enrol a project in another program',
    description: "The new enrollment starts at the program's first stage, at version 1.",
  })
  @ApiCreatedResponse({ type: ProjectResponse, description: 'The project, with every enrollment' })
  @ApiForbiddenResponse({ description: ADVISOR_ON_ANOTHERS })
  @ApiConflictResponse({ description: 'The project is already enrolled in that program' })
  @ApiUnprocessableEntityResponse({
    description:
      'An unknown program; a cohort that does not exist, belongs to another program or is full; a `cohortId` ' +
      'for a program without cohorts; an `enrolledAt` in the future',
  })
  addEnrollment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: CreateEnrollmentDto,
  ): Promise<ProjectResponse> {
    return this.projects.addEnrollment(user, id, body);
  }

  @Get(':id/enrollments/:programCode')
  @ProjectIdParam()
  @ProgramCodeParam()
  @ApiOperation({
    summary: "Read a project's enrollment in a program",
    description:
      "The enrollment as the project's `enrollments` show it. Its ETag is the enrollment's version: what " +
      '`If-Match` on `POST /projects/:id/transitions` expects for a move of this enrollment. ' +
      'Viewers get no `statusReason`.',
  })
  @ApiOkResponse({ type: EnrollmentResponse, headers: ENROLLMENT_ETAG })
  @ApiNotFoundResponse({ description: 'No such project, or the project is not enrolled in that program' })
  async getEnrollment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Param('programCode') programCode: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrollmentResponse> {
    const enrollment = await this.projects.enrollment(user, id, programCode);
    void reply.header('ETag', etagOf(enrollment.version));
    return enrollment;
  }

  @Roles(...WRITERS)
  @Patch(':id/enrollments/:programCode')
  @ProjectIdParam()
  @ProgramCodeParam()
  @ApiOperation({
    summary: "Change an enrollment's cohort",
    description:
      "Moves the enrollment to another cohort of its program, or out of any. It bumps the enrollment's " +
      'version (the ETag sent back): a move sent with the version read before gets 409.',
  })
  @ApiOkResponse({ type: EnrollmentResponse, headers: ENROLLMENT_ETAG })
  @ApiForbiddenResponse({ description: ADVISOR_ON_ANOTHERS })
  @ApiNotFoundResponse({ description: 'No such project, or the project is not enrolled in that program' })
  @ApiUnprocessableEntityResponse({
    description: 'The cohort does not exist, belongs to another program or is full',
  })
  async changeCohort(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Param('programCode') programCode: string,
    @Body() body: UpdateEnrollmentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrollmentResponse> {
    const enrollment = await this.projects.changeCohort(user, id, programCode, body);
    void reply.header('ETag', etagOf(enrollment.version));
    return enrollment;
  }

  @Roles(...WRITERS)
  @Post(':id/transitions')
  @ProjectIdParam()
  @EnrollmentIfMatch()
  @ApiOperation({
    summary: 'Move a project',
    description:
      'Moves one enrollment of the project (the only one, or the one `programCode` names) to a stage, or ' +
      'abandons it, puts it on hold or reopens it, and records the line of history. A move back to an earlier ' +
      'stage needs a `note`; abandoning or pausing needs a `reason`; `occurredAt` may be in the past, not ' +
      "before the enrollment's last move nor in the future. `If-Match` (or `expectedVersion`) expects the " +
      "enrollment's version (the ETag of `GET /projects/:id/enrollments/:programCode`), not the project's.",
  })
  @ApiCreatedResponse({
    type: MoveResponse,
    description: 'The line of history and the enrollment at its new version',
    headers: MOVED_ENROLLMENT_ETAG,
  })
  @ApiBadRequestResponse({
    description: 'Invalid input, an `If-Match` that is not a version, or `If-Match` and `expectedVersion` that differ',
  })
  @ApiForbiddenResponse({ description: ADVISOR_ON_ANOTHERS })
  @ApiConflictResponse({
    description:
      "`If-Match` or `expectedVersion` is not the enrollment's current version (`details` has `currentVersion`, " +
      '`stage` and `status`), or someone moved it at the same moment; nothing was recorded',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The rules of the pipeline refuse the move: an unknown stage, the stage it is at, a move back without a ' +
      'note, a stage move of an abandoned or paused enrollment (reopen it first), an `occurredAt` in the future ' +
      'or before the last move; or a `programCode` the project is not enrolled in (or none, when it is in several)',
  })
  async move(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: TransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MoveResponse> {
    const fromHeader = parseIfMatch(ifMatch);
    if (fromHeader !== undefined && body.expectedVersion !== undefined && fromHeader !== body.expectedVersion) {
      throw badRequest(`If-Match (${fromHeader}) and expectedVersion (${body.expectedVersion}) disagree: send one`);
    }
    const result = await this.transitions.move(user, id, {
      ...body,
      expectedVersion: fromHeader ?? body.expectedVersion,
    });
    void reply.header('ETag', etagOf(result.enrollment.version));
    return result;
  }

  @Get(':id/transitions')
  @ProjectIdParam()
  @ApiOperation({
    summary: "Read a project's history",
    description:
      'Every line of history of the project (or of its enrollment in `programCode`), oldest first, each with the ' +
      'days spent in what it left. Viewers get no `note` nor `reason`.',
  })
  @ApiOkResponse({ type: [HistoryEntryResponse] })
  @ApiNotFoundResponse({ description: 'No such project, or the project is not enrolled in `programCode`' })
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Query() query: HistoryQuery,
  ): Promise<HistoryEntryResponse[]> {
    return this.transitions.history(user, id, query.programCode);
  }

  @Roles(...WRITERS)
  @Post(':id/contacts')
  @ProjectIdParam()
  @ApiOperation({ summary: 'Add a contact to a project', description: 'The e-mail is stored in lower case.' })
  @ApiCreatedResponse({ type: ContactResponse })
  @ApiForbiddenResponse({ description: ADVISOR_ON_ANOTHERS })
  addContact(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: ContactDto,
  ): Promise<ContactResponse> {
    return this.projects.addContact(user, id, body);
  }
}
