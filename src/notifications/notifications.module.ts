import { Module } from '@nestjs/common';
import { Mailer } from './mailer.js';
import { MailRelay } from './mail-relay.js';
import { MailSender } from './mail-sender.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, Mailer, MailSender, MailRelay],
  exports: [NotificationsService, MailRelay],
})
export class NotificationsModule {}
