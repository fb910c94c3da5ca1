import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { UsersService } from './users.service.js';

/** Creates the admin that ADMIN_EMAIL and ADMIN_PASSWORD name, once, so a new install can sign in. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.admin) await this.users.ensureAdmin(this.config.admin);
  }
}
