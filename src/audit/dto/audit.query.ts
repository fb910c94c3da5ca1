import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/instant.validator.js';
import { PageQuery } from '../../common/pagination.js';
import { IsPositiveId, Omittable } from '../../common/validators.js';
import { AUDITED_ENTITIES, type AuditedEntity } from '../audited-entities.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDITED_ENTITIES, enumName: 'AuditedEntity', example: 'project' })
  @Omittable()
  @IsIn(AUDITED_ENTITIES)
  entity?: AuditedEntity;

  @ApiPropertyOptional({
    example: '12',
    description: "The entity's id (a program's code), with `entity`",
  })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 2, description: 'Changes made by this user' })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  userId?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: 'Changes of this project and of what belongs to it (contacts, tasks, notes, hours...)',
  })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  projectId?: number;

  @ApiPropertyOptional({
    example: '2024-04-01',
    description: 'From this instant, or from the start of this day in Montréal',
  })
  @Omittable()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2024-04-30',
    description: 'Before this instant, or up to the end of this day in Montréal',
  })
  @Omittable()
  @IsInstant()
  to?: string;
}
