import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountController } from './account.controller.js';
import { PasswordResetsController } from './password-resets.controller.js';
import { PasswordResetsService } from './password-resets.service.js';

/** What people do with their own account: read and change it, and reset a forgotten password. */
@Module({
  imports: [AuthModule, UsersModule, NotificationsModule],
  controllers: [AccountController, PasswordResetsController],
  providers: [PasswordResetsService],
})
export class AccountsModule {}
