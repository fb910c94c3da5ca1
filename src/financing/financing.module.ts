import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportsModule } from '../exports/exports.module.js';
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
  imports: [ProjectsModule, ExportsModule, TypeOrmModule.forFeature([FinancingSource, FundingRequest])],
  controllers: [FinancingSourcesController, FundingRequestsController, FinancingReportController],
  providers: [FinancingSourcesService, FundingRequestsService, FinancingReportService],
})
export class FinancingModule {}
