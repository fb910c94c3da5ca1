import { ApiProperty } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import { NotificationResponse } from './notification.response.js';

/** One page of the e-mail record, newest first. */
export class NotificationPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [NotificationResponse] })
  items: NotificationResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'E-mails that match, on every page' })
  total: number;
}
