import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CheckInsService } from './check-ins/check-ins.service.js';
import { DigestBuilder } from './digest/digest-builder.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsJobs } from './follow-ups-jobs.js';
import { FollowUpsService } from './follow-ups.service.js';
import { ProjectAttentionService } from './project-attention.service.js';
import { ProjectFollowUpsController } from './project-follow-ups.controller.js';
import { ProjectNotesController } from './project-notes.controller.js';

@Module({
  imports: [ProjectsModule, NotificationsModule, JobsModule],
  controllers: [FollowUpsController, ProjectFollowUpsController, ProjectNotesController],
  providers: [FollowUpsService, ProjectAttentionService, DigestBuilder, CheckInsService, FollowUpsJobs],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
