import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { badRequest } from '../common/bad-request.js';
import { etagOf, parseIfMatch } from '../common/if-match.js';
import { ParseId } from '../common/parse-id.pipe.js';
import {
  ContactDto,
  CreateEnrollmentDto,
  CreateProjectDto,
  UpdateEnrollmentDto,
  UpdateProjectDto,
} from './dto/project.dto.js';
import { ListProjectsQuery } from './dto/list-projects.query.js';
import { HistoryQuery, TransitionDto } from './dto/transition.dto.js';
import { ProjectsService } from './projects.service.js';
import { TransitionsService } from './transitions.service.js';

const IF_MATCH_DOC = {
  name: 'If-Match',
  required: false,
  description: 'The version you last read; a stale one gets 409',
};

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
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateProjectDto) {
    return this.projects.create(user, body);
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListProjectsQuery) {
    return this.projects.list(user, query);
  }

  @Get(':id')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const project = await this.projects.get(user, id);
    void reply.header('ETag', etagOf(project.version));
    return project;
  }

  @Roles(...WRITERS)
  @Patch(':id')
  @ApiHeader(IF_MATCH_DOC)
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateProjectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const project = await this.projects.update(user, id, body, parseIfMatch(ifMatch));
    void reply.header('ETag', etagOf(project.version));
    return project;
  }

  @Roles(...WRITERS)
  @Post(':id/enrollments')
  addEnrollment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: CreateEnrollmentDto,
  ) {
    return this.projects.addEnrollment(user, id, body);
  }

  @Roles(...WRITERS)
  @Patch(':id/enrollments/:programCode')
  changeCohort(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Param('programCode') programCode: string,
    @Body() body: UpdateEnrollmentDto,
  ) {
    return this.projects.changeCohort(user, id, programCode, body);
  }

  @Roles(...WRITERS)
  @Post(':id/transitions')
  @ApiHeader({ ...IF_MATCH_DOC, description: "The enrollment's version you last read; a stale one gets 409" })
  async move(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: TransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
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
  history(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number, @Query() query: HistoryQuery) {
    return this.transitions.history(user, id, query.programCode);
  }

  @Roles(...WRITERS)
  @Post(':id/contacts')
  addContact(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number, @Body() body: ContactDto) {
    return this.projects.addContact(user, id, body);
  }

  @Roles(...WRITERS)
  @Delete(':id/contacts/:contactId')
  @HttpCode(204)
  deleteContact(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Param('contactId', ParseId('contactId')) contactId: number,
  ) {
    return this.projects.deleteContact(user, id, contactId);
  }
}
