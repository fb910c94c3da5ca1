import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@ApiBearerAuth()
@Controller('admin/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  /** Runs a schedule now, through the queue like its daily tick (for support and tests). */
  @Roles('admin')
  @Post(':name/run')
  run(@Param('name') name: string) {
    return this.schedules.runNow(name);
  }
}
