import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module.js';
import { AdvisoryReportService } from './advisory-report.service.js';
import { FunderReportService } from './funder-report.service.js';
import { ReportsController } from './reports.controller.js';

/** The funders' reports made from the hours, jobs and co-ops recorded; logged in the exports' log. */
@Module({
  imports: [ExportsModule],
  controllers: [ReportsController],
  providers: [AdvisoryReportService, FunderReportService],
})
export class ReportsModule {}
