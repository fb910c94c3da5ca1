import { Module } from '@nestjs/common';
import { ExportLogService } from '../exports/export-log.service.js';
import { AdvisoryReportService } from './advisory-report.service.js';
import { FunderReportService } from './funder-report.service.js';
import { ReportsController } from './reports.controller.js';

/** The funders' reports made from the hours, jobs and co-ops recorded. */
@Module({
  controllers: [ReportsController],
  // The export log is a plain writer on the database: every export, wherever served, is logged alike.
  providers: [AdvisoryReportService, FunderReportService, ExportLogService],
})
export class ReportsModule {}
