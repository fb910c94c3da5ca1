import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { IsPositiveId, MAX_INTEGER, Omittable } from '../../common/validators.js';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
} from '../notification.entity.js';
import { NOTIFICATION_KIND_PROPERTY, NOTIFICATION_STATUS_PROPERTY } from './notification.properties.js';

/** Newest first. */
export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({
    ...NOTIFICATION_STATUS_PROPERTY,
    example: 'failed',
    description: 'Only e-mails in this state',
  })
  @Omittable()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ ...NOTIFICATION_KIND_PROPERTY, description: 'Only e-mails of this kind' })
  @Omittable()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;

  @ApiPropertyOptional({
    format: 'email',
    example: 'conseillere@demo.coop.example',
    description: 'Only e-mails to this address (in any case)',
  })
  @Omittable()
  @IsEmail()
  recipient?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INTEGER,
    example: 4,
    description: 'Only e-mails to this user (digests, password resets)',
  })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  userId?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INTEGER,
    example: 1,
    description: 'Only e-mails about this project (check-ins)',
  })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  projectId?: number;
}
