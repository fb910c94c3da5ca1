import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { FiguresModule } from '../figures/figures.module.js';
import { ProgramsModule } from '../programs/programs.module.js';
import { SatisfactionModule } from '../satisfaction/satisfaction.module.js';
import { CohortExportService } from './cohort-export.service.js';
import { CohortProjectsReader } from './cohort-projects.reader.js';
import { ExportLogService } from './export-log.service.js';
import { ExportsController } from './exports.controller.js';
import { ProgramReportService } from './program-report.service.js';

@Module({
  imports: [FiguresModule, CohortsModule, ProgramsModule, SatisfactionModule],
  controllers: [ExportsController],
  providers: [CohortExportService, ProgramReportService, CohortProjectsReader, ExportLogService],
  // Every report a user takes is logged in the same place, whichever domain builds it.
  exports: [ExportLogService],
})
export class ExportsModule {}
