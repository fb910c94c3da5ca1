import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { MANAGERS, Roles } from '../auth/auth.decorators.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { MAX_INTEGER } from '../common/validators.js';
import { ListNotificationsQuery } from './dto/list-notifications.query.js';
import { NotificationPageResponse } from './dto/notification-page.response.js';
import { NotificationResponse } from './dto/notification.response.js';
import { NotificationsService } from './notifications.service.js';

const ApiNotificationIdParam = () =>
  ApiParam({
    name: 'id',
    description: 'The id of the e-mail',
    schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGER },
    example: 12,
  });

/** Every e-mail the service sent or tried to send: for coordinators and admins. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles(...MANAGERS)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'List the e-mails sent',
    description: 'Every e-mail the service sent or tried to send, newest first, a page at a time; filters combine.',
  })
  @ApiOkResponse({ type: NotificationPageResponse })
  list(@Query() query: ListNotificationsQuery): Promise<NotificationPageResponse> {
    return this.notifications.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an e-mail' })
  @ApiNotificationIdParam()
  @ApiOkResponse({ type: NotificationResponse })
  get(@Param('id', ParseId()) id: number): Promise<NotificationResponse> {
    return this.notifications.get(id);
  }

  /** Sends a failed e-mail again, with a new round of attempts. */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a failed e-mail again',
    description:
      'A new round of attempts (after fixing an address, or the mail server): the e-mail is `pending` again ' +
      'with no attempts and no error.',
  })
  @ApiNotificationIdParam()
  @ApiOkResponse({ type: NotificationResponse, description: 'The e-mail, pending again' })
  @ApiUnprocessableEntityResponse({ description: 'The e-mail is not failed: it is pending or was sent' })
  // It takes no body, yet the server reads one that is sent: too large or not JSON, it is refused.
  retry(@Param('id', ParseId()) id: number): Promise<NotificationResponse> {
    return this.notifications.retry(id);
  }
}
