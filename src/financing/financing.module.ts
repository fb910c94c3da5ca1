import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportLogService } from '../exports/export-log.service.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { FinancingSource } from './financing-source.entity.js';
import { FinancingSourcesController } from './financing-sources.controller.js';
import { FinancingSourcesService } from './financing-sources.service.js';
import { FundingRequest } from './funding-request.entity.js';
import { FundingRequestsController } from './funding-requests.controller.js';
import { FundingRequestsService } from './funding-requests.service.js';
import { FinancingReportController } from './report/financing-report.controller.js';
import { FinancingReportService } from './report/financing-report.service.js';

@Module({
  imports: [ProjectsModule, TypeOrmModule.forFeature([FinancingSource, FundingRequest])],
  controllers: [FinancingSourcesController, FundingRequestsController, FinancingReportController],
  // The export log is the exports' own; it holds no state, so the report records through its own instance.
  providers: [FinancingSourcesService, FundingRequestsService, FinancingReportService, ExportLogService],
})
export class FinancingModule {}
