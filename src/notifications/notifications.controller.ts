import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MANAGERS, Roles } from '../auth/auth.decorators.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ListNotificationsQuery } from './dto/list-notifications.query.js';
import { NotificationsService } from './notifications.service.js';

/** Every e-mail the service sent or tried to send: for coordinators and admins. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles(...MANAGERS)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@Query() query: ListNotificationsQuery) {
    return this.notifications.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseId()) id: number) {
    return this.notifications.get(id);
  }

  /** Sends a failed e-mail again, with a new round of attempts. */
  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id', ParseId()) id: number) {
    return this.notifications.retry(id);
  }
}
