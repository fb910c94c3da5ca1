import { Module } from '@nestjs/common';
import { FiguresModule } from '../figures/figures.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { ProgramsModule } from '../programs/programs.module.js';
import { BulkTransitionsController } from './bulk-transitions.controller.js';
import { ProjectViews } from './project-views.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { TransitionsService } from './transitions.service.js';

@Module({
  imports: [FiguresModule, ProgramsModule, CohortsModule],
  controllers: [ProjectsController, BulkTransitionsController],
  providers: [ProjectsService, TransitionsService, ProjectViews],
  exports: [ProjectsService, TransitionsService],
})
export class ProjectsModule {}
