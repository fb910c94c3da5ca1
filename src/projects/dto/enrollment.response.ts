import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MILESTONES, type Milestone } from '../../programs/stage.entity.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../enrollment.entity.js';
import { NOT_SHOWN_TO_VIEWERS } from './not-shown-to-viewers.js';
import { nullableRef } from '../../openapi/nullable.js';

/** The stage an enrollment is at, as its program defines it now. */
export class EnrollmentStageResponse {
  @ApiProperty({ example: 'formation-completee', description: 'The stage code, unique within the program' })
  code: string;

  @ApiProperty({ example: 'Formation complétée' })
  labelFr: string;

  @ApiProperty({ example: 'Training completed' })
  labelEn: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'Place in the pipeline, from 1' })
  position: number;

  @ApiProperty({
    type: 'string',
    enum: [...MILESTONES, null],
    nullable: true,
    example: 'training_completed',
    description: 'The milestone the figures count when a project reaches this stage; null for none',
  })
  milestone: Milestone | null;
}

/** The cohort an enrollment is in, in short. */
export class EnrollmentCohortResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 19 })
  id: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 19, description: 'The number the program gives the cohort' })
  number: number;

  @ApiProperty({ example: 'Printemps 2023' })
  label: string;
}

/**
 * A project's place in one program. Its `version` is what `If-Match` (or `expectedVersion`) on the
 * project's moves in that program expects, and the ETag of `GET /projects/:id/enrollments/:programCode`.
 */
@ApiExtraModels(EnrollmentCohortResponse)
export class EnrollmentResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 4 })
  id: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  projectId: number;

  @ApiProperty({ example: 'parcours-coop' })
  programCode: string;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, example: 19, description: 'null outside any cohort' })
  cohortId: number | null;

  @ApiProperty(
    nullableRef(EnrollmentCohortResponse, 'The cohort, in short; null outside any cohort', {
      id: 19,
      number: 19,
      label: 'Printemps 2023',
    }),
  )
  cohort: EnrollmentCohortResponse | null;

  @ApiProperty({ type: () => EnrollmentStageResponse })
  stage: EnrollmentStageResponse;

  @ApiProperty({
    enum: ENROLLMENT_STATUSES,
    enumName: 'EnrollmentStatus',
    example: 'active',
    description: 'active on its stage, on_hold (paused) or abandoned; the stage stays where it was left',
  })
  status: EnrollmentStatus;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 500,
    example: 'Manque de financement (démo)',
    description: `Why it was abandoned or put on hold; null while active. ${NOT_SHOWN_TO_VIEWERS}`,
  })
  statusReason?: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 4,
    description:
      'Bumped by every move and cohort change of this enrollment. Send it back as `If-Match` (or ' +
      "`expectedVersion`) on a move; it is not the project's version",
  })
  version: number;

  @ApiProperty({
    format: 'date-time',
    example: '2023-03-20T04:00:00.000Z',
    description: 'When it entered the first stage',
  })
  enrolledAt: Date;

  @ApiProperty({ format: 'date-time', example: '2023-09-13T04:00:00.000Z', description: 'When it reached its stage' })
  stageEnteredAt: Date;

  @ApiProperty({ format: 'date-time', example: '2023-09-13T04:00:00.000Z', description: 'When its last move happened' })
  lastMovedAt: Date;
}
