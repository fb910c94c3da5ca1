import { Controller, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { ScheduleRunResponse } from './dto/schedule-run.response.js';
import { SCHEDULE_NAMES } from './schedules.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@ApiBearerAuth()
@Controller('admin/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  /** Runs a schedule now, through the queue like its daily tick (for support and tests). */
  @Roles('admin')
  @Post(':name/run')
  @ApiOperation({
    summary: 'Run a daily schedule now',
    description:
      "Queues the schedule's tick as its daily run does, for today's Montréal date. The e-mails' keys still hold: " +
      'nobody gets the same digest or check-in twice.',
  })
  @ApiParam({ name: 'name', enum: SCHEDULE_NAMES, enumName: 'ScheduleName', example: 'daily-digest' })
  @ApiCreatedResponse({ type: ScheduleRunResponse, description: 'The tick is queued; the work follows in a worker' })
  @ApiServiceUnavailableResponse({ description: 'The job queue does not answer (Redis is away): nothing was queued' })
  // It takes no body, yet the server reads one that is sent: too large or not JSON, it is refused.
  run(@Param('name') name: string): Promise<ScheduleRunResponse> {
    return this.schedules.runNow(name);
  }
}
