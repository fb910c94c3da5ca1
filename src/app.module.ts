import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { FinancingModule } from './financing/financing.module.js';
import { FiguresModule } from './figures/figures.module.js';
import { FollowUpsModule } from './follow-ups/follow-ups.module.js';
import { InterventionsModule } from './interventions/interventions.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { ProgramsModule } from './programs/programs.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { SatisfactionModule } from './satisfaction/satisfaction.module.js';
import { QueueModule } from './queue/queue.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { TimeEntriesModule } from './time-entries/time-entries.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config),
        DatabaseModule,
        AuditModule,
        MetricsModule,
        QueueModule.register(config),
        AuthModule,
        UsersModule,
        AccountsModule,
        ProgramsModule,
        CohortsModule,
        ProjectsModule,
        FiguresModule,
        NotificationsModule,
        FollowUpsModule,
        CalendarModule,
        SatisfactionModule,
        OrganizationsModule,
        JobsModule,
        ExportsModule,
        ImportsModule,
        PrivacyModule,
        FinancingModule,
        ReportsModule,
        SchedulesModule,
        InterventionsModule,
        TimeEntriesModule,
        HealthModule,
        DemoModule,
      ],
    };
  }
}
