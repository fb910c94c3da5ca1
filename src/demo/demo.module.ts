import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { SatisfactionModule } from '../satisfaction/satisfaction.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoAccompanimentSeeder } from './demo-accompaniment.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({
  imports: [UsersModule, CohortsModule, ProjectsModule, FollowUpsModule, SatisfactionModule],
  providers: [DemoSeeder, DemoAccompanimentSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
