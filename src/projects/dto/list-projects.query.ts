import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsPositiveId, Omittable } from '../../common/validators.js';
import { PageQuery } from '../../common/pagination.js';
import { ID_SCHEMA } from './api-schemas.js';
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
  @ApiPropertyOptional({ example: 'parcours-coop', description: 'Enrolled in this program' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;

  @ApiPropertyOptional({ ...ID_SCHEMA, example: 19, description: 'Enrolled in this cohort' })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  cohortId?: number;

  @ApiPropertyOptional({ example: 'formation', description: 'At this stage (a stage code)' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  stage?: string;

  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus', example: 'active' })
  @Omittable()
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;

  @ApiPropertyOptional({ ...ID_SCHEMA, example: 3, description: 'Assigned to this advisor' })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  advisorId?: number;

  @ApiPropertyOptional({ enum: REGIONS, enumName: 'Region', example: '06' })
  @Omittable()
  @IsIn(REGIONS, { message: 'region must be a code from 01 to 17' })
  region?: string;

  @ApiPropertyOptional({ enum: PROJECT_KINDS, enumName: 'ProjectKind', example: 'startup' })
  @Omittable()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'alouette',
    description: 'Part of the name, in any case and with or without accents',
  })
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

  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: 'name', description: 'The order; `-` for descending' })
  @Omittable()
  @IsIn(PROJECT_SORTS)
  sort: ProjectSort = 'name';
}
