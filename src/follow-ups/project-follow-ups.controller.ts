import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CreateFollowUpDto } from './dto/follow-up.dto.js';
import { SnoozeDto } from './dto/project-attention.dto.js';
import { FollowUpsService } from './follow-ups.service.js';
import { ProjectAttentionService } from './project-attention.service.js';

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

  /** A task for the project's advisor by default. */
  @Post('follow-ups')
  createFollowUp(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: CreateFollowUpDto,
  ) {
    return this.followUps.create(user, id, body);
  }

  /** Hides the stale alert until a date, with a reason; the project stays active. */
  @Post('snooze')
  @HttpCode(200)
  snooze(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number, @Body() body: SnoozeDto) {
    return this.attention.snooze(user, id, body);
  }

  @Delete('snooze')
  @HttpCode(204)
  unsnooze(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number) {
    return this.attention.unsnooze(user, id);
  }
}
