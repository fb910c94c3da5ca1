import { Module } from '@nestjs/common';
import { FiguresModule } from '../figures/figures.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ProgramsModule } from '../programs/programs.module.js';
import { BulkTransitionsController } from './bulk-transitions.controller.js';
import { PersonContacts } from './person-contacts.js';
import { ProjectViews } from './project-views.js';
import { ProjectsController } from './projects.controller.js';
import { StaleProjects } from './stale-projects.js';
import { ProjectsService } from './projects.service.js';
import { TransitionsService } from './transitions.service.js';

@Module({
  imports: [FiguresModule, ProgramsModule, CohortsModule, JobsModule],
  controllers: [ProjectsController, BulkTransitionsController],
  providers: [ProjectsService, TransitionsService, ProjectViews, StaleProjects, PersonContacts],
  exports: [ProjectsService, TransitionsService, ProjectViews, StaleProjects, PersonContacts],
})
export class ProjectsModule {}
