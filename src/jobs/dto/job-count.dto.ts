import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate, Omittable } from '../../common/validators.js';
import { PROJECT_JOB_KINDS, type ProjectJobKind } from '../job-count.entity.js';

/** More than any co-op of the network has: a typing slip, not a count. */
export const MAX_JOBS = 10_000;

const JOBS = { type: 'integer', minimum: 0, maximum: MAX_JOBS } as const;
const COUNTED_ON = {
  type: 'string',
  format: 'date',
  example: '2024-03-15',
  description: 'The Montréal date the count holds for; today when omitted; never in the future',
} as const;

export class RecordProjectJobsDto {
  @ApiProperty({
    enum: PROJECT_JOB_KINDS,
    example: 'created',
    description: '`created`: the jobs at incorporation; `maintained`: the jobs a takeover kept (transfer projects)',
  })
  @IsIn(PROJECT_JOB_KINDS)
  kind: ProjectJobKind;

  @ApiProperty({ ...JOBS, example: 4, description: 'How many jobs' })
  @IsInt()
  @Min(0)
  @Max(MAX_JOBS)
  jobs: number;

  @ApiPropertyOptional(COUNTED_ON)
  @Omittable()
  @IsCalendarDate()
  countedOn?: string;
}

export class RecordWorkersDto {
  @ApiProperty({ ...JOBS, example: 12, description: 'How many people work in the co-op' })
  @IsInt()
  @Min(0)
  @Max(MAX_JOBS)
  workers: number;

  @ApiPropertyOptional(COUNTED_ON)
  @Omittable()
  @IsCalendarDate()
  countedOn?: string;
}
