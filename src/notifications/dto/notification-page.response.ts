import { ApiProperty } from '@nestjs/swagger';
import { NotificationResponse } from './notification.response.js';

/** One page of the e-mail record, newest first. */
export class NotificationPageResponse {
  @ApiProperty({ type: () => [NotificationResponse] })
  items: NotificationResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'E-mails that match, on every page' })
  total: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  page: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 500, example: 50 })
  pageSize: number;
}
