import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ORGANIZATION_ID } from '../organizations/dto/organization.properties.js';
import { ProjectIdParam } from '../projects/project-api-docs.js';
import { RecordProjectJobsDto, RecordWorkersDto } from './dto/job-count.dto.js';
import { OrganizationJobsResponse, ProjectJobsResponse } from './dto/job-count.response.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @ApiOperation({
    summary: "A project's jobs",
    description:
      'Jobs created at its incorporation and, for a takeover, jobs maintained: the latest count of each (null when ' +
      'none is recorded, which reports count apart from zero) and every count recorded.',
  })
  @ProjectIdParam()
  @ApiOkResponse({ type: ProjectJobsResponse })
  @ApiNotFoundResponse({ description: 'No such project' })
  @Get('projects/:id/jobs')
  ofProject(@Param('id', ParseId()) id: number): Promise<ProjectJobsResponse> {
    return this.jobs.ofProject(id);
  }

  @ApiOperation({
    summary: "Record a project's jobs",
    description:
      'Once the project has reached its incorporated milestone: the jobs it created, or the jobs a takeover ' +
      'kept. A later count does not erase an earlier one; the latest is the figure. A move to the incorporated ' +
      'stage can carry the count instead (`jobs` on the move).',
  })
  @ProjectIdParam()
  @ApiCreatedResponse({ type: ProjectJobsResponse, description: "The project's jobs with this count" })
  @ApiForbiddenResponse({ description: "Viewers; an advisor on another advisor's project" })
  @ApiNotFoundResponse({ description: 'No such project' })
  @ApiUnprocessableEntityResponse({
    description: 'The project has not reached its incorporated milestone, or `maintained` for a start-up project',
  })
  @Roles(...WRITERS)
  @Post('projects/:id/jobs')
  recordForProject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: RecordProjectJobsDto,
  ): Promise<ProjectJobsResponse> {
    return this.jobs.recordForProject(user, id, body);
  }

  @ApiOperation({
    summary: "A co-op's workers",
    description: 'The latest count of its workers (null when none is recorded) and every count recorded.',
  })
  @ApiParam(ORGANIZATION_ID)
  @ApiOkResponse({ type: OrganizationJobsResponse })
  @ApiNotFoundResponse({ description: 'No such co-op' })
  @Get('organizations/:id/jobs')
  ofOrganization(@Param('id', ParseId()) id: number): Promise<OrganizationJobsResponse> {
    return this.jobs.ofOrganization(id);
  }

  @ApiOperation({
    summary: "Record a co-op's workers",
    description:
      'How many people work in the co-op on a date: for a co-op receiving advisory services, the jobs it maintains.',
  })
  @ApiParam(ORGANIZATION_ID)
  @ApiCreatedResponse({ type: OrganizationJobsResponse, description: "The co-op's workers with this count" })
  @ApiForbiddenResponse({ description: 'Viewers' })
  @ApiNotFoundResponse({ description: 'No such co-op' })
  @Roles(...WRITERS)
  @Post('organizations/:id/jobs')
  recordForOrganization(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: RecordWorkersDto,
  ): Promise<OrganizationJobsResponse> {
    return this.jobs.recordForOrganization(user, id, body);
  }
}
