import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import { idParam } from '../common/id-param.js';
import { ListFollowUpsQuery, UpdateFollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpPageResponse, FollowUpResponse } from './dto/follow-up.response.js';
import { FollowUpsService } from './follow-ups.service.js';

const TASK_ID = idParam('The task id', 12);

/** Follow-up tasks across projects: an advisor's own, or everyone's for coordinators. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Roles(...WRITERS)
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get()
  @ApiOperation({
    summary: 'List follow-up tasks',
    description:
      "Advisors see their own (`assignee=me`, the default for them); coordinators and admins see everyone's " +
      "by default. Each task's `state` is read on today's Montréal date. Paged, by due date then id.",
  })
  @ApiOkResponse({ type: FollowUpPageResponse })
  @ApiForbiddenResponse({ description: "Viewers; an advisor asking for another person's tasks" })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListFollowUpsQuery): Promise<FollowUpPageResponse> {
    return this.followUps.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a follow-up task' })
  @ApiParam(TASK_ID)
  @ApiOkResponse({ type: FollowUpResponse })
  @ApiNotFoundResponse({ description: 'No task has this id' })
  @ApiForbiddenResponse({ description: "Viewers; an advisor asking for another person's task" })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number): Promise<FollowUpResponse> {
    return this.followUps.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a follow-up task',
    description:
      'Marks it done (or reopens it), reschedules it, rewrites it, records what came of it, or hands it to ' +
      'someone else (coordinators and admins). Only the fields sent change. Marking it done or writing an ' +
      'outcome is activity on the project (it stops being stale). Answers the task as it is now.',
  })
  @ApiParam(TASK_ID)
  @ApiOkResponse({ type: FollowUpResponse })
  @ApiNotFoundResponse({ description: 'No task has this id' })
  @ApiForbiddenResponse({
    description: "Viewers; an advisor changing another person's task, or handing one to someone else",
  })
  @ApiUnprocessableEntityResponse({ description: '`assigneeId` is not an active advisor, coordinator or admin' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.followUps.update(user, id, body);
  }
}
