import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { IsPositiveId } from '../../common/validators.js';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationKind, type NotificationStatus } from '../notification.entity.js';

/** Newest first. */
export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES }) @IsOptional() @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS }) @IsOptional() @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;

  @ApiPropertyOptional({ description: 'Recipient e-mail address' }) @IsOptional() @IsEmail()
  recipient?: string;

  @ApiPropertyOptional({ description: 'Recipient user (digests)' }) @IsOptional() @Type(() => Number) @IsPositiveId()
  userId?: number;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsPositiveId()
  projectId?: number;
}
