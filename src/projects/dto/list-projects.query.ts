import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsPositiveId, Omittable } from '../../common/validators.js';
import { PageQuery } from '../../common/pagination.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../enrollment.entity.js';
import { PROJECT_KINDS, REGIONS, type ProjectKind } from '../project.entity.js';

export const PROJECT_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'region',
  '-region',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** Enrollment filters (programCode, cohortId, stage, status) must all hold for the same enrollment. */
export class ListProjectsQuery extends PageQuery {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;

  @ApiPropertyOptional()
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  cohortId?: number;

  @ApiPropertyOptional({ description: 'A stage code' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  stage?: string;

  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @Omittable()
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;

  @ApiPropertyOptional()
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  advisorId?: number;

  @ApiPropertyOptional()
  @Omittable()
  @IsIn(REGIONS, { message: 'region must be a code from 01 to 17' })
  region?: string;

  @ApiPropertyOptional({ enum: PROJECT_KINDS })
  @Omittable()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ description: 'Part of the name, any case' })
  @Omittable()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: "true: projects past a stage's stale threshold with no activity, not snoozed",
  })
  @Omittable()
  @IsIn(['true', 'false'], { message: 'stale must be true or false' })
  stale?: 'true' | 'false';

  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: 'name' })
  @Omittable()
  @IsIn(PROJECT_SORTS)
  sort: ProjectSort = 'name';
}
