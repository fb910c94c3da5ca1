import { ApiProperty } from '@nestjs/swagger';
import { SCHEDULE_NAMES, type ScheduleName } from '../schedules.js';

/** A run of a schedule, queued: its tick goes through the queue like the daily one. */
export class ScheduleRunResponse {
  @ApiProperty({ enum: SCHEDULE_NAMES, enumName: 'ScheduleName', example: 'daily-digest' })
  schedule: ScheduleName;

  @ApiProperty({ example: '7', description: "The tick's job in the `schedules` queue (see /admin/queues)" })
  jobId: string;
}
