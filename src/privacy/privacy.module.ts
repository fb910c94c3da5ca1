import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { UsersModule } from '../users/users.module.js';
import { ContactErasureController } from './contact-erasure.controller.js';
import { ContactRetention } from './contact-retention.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';

/** Personal information requests (Law 25): it asks each domain what it holds about a person, or to forget it. */
@Module({
  imports: [ProjectsModule, NotificationsModule, ExportsModule, UsersModule],
  controllers: [PrivacyController, ContactErasureController],
  providers: [PrivacyService, ContactRetention],
})
export class PrivacyModule {}
