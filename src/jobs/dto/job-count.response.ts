import { ApiProperty } from '@nestjs/swagger';
import { PersonResponse } from '../../users/dto/person.response.js';
import { JOB_KINDS, type JobKind } from '../job-count.entity.js';
import { MAX_JOBS } from './job-count.dto.js';

const ID = { type: 'integer', minimum: 1, example: 1 } as const;

export class JobCountResponse {
  @ApiProperty(ID) id: number;

  @ApiProperty({ enum: JOB_KINDS, example: 'created' })
  kind: JobKind;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_JOBS, example: 4 })
  jobs: number;

  @ApiProperty({ type: 'string', format: 'date', example: '2024-03-15', description: 'The date the count holds for' })
  countedOn: string;

  @ApiProperty({ ...ID, nullable: true, description: 'The move that carried the count, if one did' })
  transitionId: number | null;

  @ApiProperty({ type: () => PersonResponse, description: 'Who recorded it' })
  recordedBy: PersonResponse;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2024-03-15T14:02:11.000Z' })
  recordedAt: Date;
}

export class ProjectJobsResponse {
  @ApiProperty(ID) projectId: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    example: 4,
    description: 'The latest count of jobs created; null when none is recorded (not zero)',
  })
  created: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    example: null,
    description: 'The latest count of jobs maintained by the takeover; null when none is recorded (not zero)',
  })
  maintained: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    example: 6,
    description: 'The latest count of the people working in its co-op, as its team told a check-in; null when none',
  })
  workers: number | null;

  @ApiProperty({ type: () => [JobCountResponse], description: 'Every count recorded, latest first' })
  counts: JobCountResponse[];
}

export class OrganizationJobsResponse {
  @ApiProperty(ID) organizationId: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    example: 12,
    description: 'The latest count of its workers; null when none is recorded (not zero)',
  })
  workers: number | null;

  @ApiProperty({ type: () => [JobCountResponse], description: 'Every count recorded, latest first' })
  counts: JobCountResponse[];
}
