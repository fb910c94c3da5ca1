import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ListFollowUpsQuery, UpdateFollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpsService } from './follow-ups.service.js';

/** Follow-up tasks across projects: an advisor's own, or everyone's for coordinators. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Roles(...WRITERS)
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListFollowUpsQuery) {
    return this.followUps.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number) {
    return this.followUps.get(user, id);
  }

  /** Marks it done (or reopens it), reschedules it, records what came of it. */
  @Patch(':id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number, @Body() body: UpdateFollowUpDto) {
    return this.followUps.update(user, id, body);
  }
}
