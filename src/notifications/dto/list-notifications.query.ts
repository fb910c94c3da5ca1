import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { IsPositiveId, Omittable } from '../../common/validators.js';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
} from '../notification.entity.js';

/** Newest first. */
export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @Omittable()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @Omittable()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;

  @ApiPropertyOptional({ description: 'Recipient e-mail address' })
  @Omittable()
  @IsEmail()
  recipient?: string;

  @ApiPropertyOptional({ description: 'Recipient user (digests)' })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  userId?: number;

  @ApiPropertyOptional()
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  projectId?: number;
}
