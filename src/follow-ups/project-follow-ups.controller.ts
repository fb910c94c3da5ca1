import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ProjectResponse } from '../projects/dto/project.response.js';
import { ProjectIdParam } from '../projects/project-api-docs.js';
import { CreateFollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpResponse } from './dto/follow-up.response.js';
import { SnoozeDto } from './dto/project-attention.dto.js';
import { FollowUpsService } from './follow-ups.service.js';
import { ProjectAttentionService } from './project-attention.service.js';

const NO_PROJECT = 'No project has this id';
const NOT_YOURS = 'Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may)';

/** A project's tasks and stale-alert snooze (its notes: project-notes.controller.ts). Staff only: tasks may name people. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Roles(...WRITERS)
@Controller('projects/:id')
export class ProjectFollowUpsController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly attention: ProjectAttentionService,
  ) {}

  @Post('follow-ups')
  @ProjectIdParam()
  @ApiNotFoundResponse({ description: NO_PROJECT })
  @ApiOperation({
    summary: 'Create a follow-up task on a project',
    description:
      "For the project's advisor unless `assigneeId` names someone else (coordinators and admins). Writing a " +
      'task is activity on the project.',
  })
  @ApiCreatedResponse({ type: FollowUpResponse })
  @ApiForbiddenResponse({ description: `${NOT_YOURS}; an advisor writing a task for someone else` })
  @ApiUnprocessableEntityResponse({
    description:
      'The project has no advisor and `assigneeId` is left out, or `assigneeId` is not an active advisor, ' +
      'coordinator or admin',
  })
  createFollowUp(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: CreateFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.followUps.create(user, id, body);
  }

  @Post('snooze')
  @HttpCode(200)
  @ProjectIdParam()
  @ApiNotFoundResponse({ description: NO_PROJECT })
  @ApiOperation({
    summary: "Snooze a project's stale alert",
    description:
      'Hides the stale alert (`GET /projects?stale=true`, the daily digest) until a date, with a reason; the ' +
      'project stays active. A snooze is not activity: it only hides the alert until its date. A new snooze ' +
      'replaces the one before.',
  })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, as `GET /projects/:id` answers it' })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  @ApiUnprocessableEntityResponse({ description: '`until` is today or earlier, or more than a year away' })
  snooze(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: SnoozeDto,
  ): Promise<ProjectResponse> {
    return this.attention.snooze(user, id, body);
  }

  @Delete('snooze')
  @HttpCode(204)
  @ProjectIdParam()
  @ApiNotFoundResponse({ description: NO_PROJECT })
  @ApiOperation({
    summary: "End a project's snooze",
    description:
      'The stale alert shows again at once if the project is stale; its activity is unchanged. Ending a ' +
      'snooze that is not there is no error.',
  })
  @ApiNoContentResponse({ description: 'The project has no snooze' })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  unsnooze(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number): Promise<void> {
    return this.attention.unsnooze(user, id);
  }
}
