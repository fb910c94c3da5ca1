import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module.js';
import { FinancingSource } from './financing-source.entity.js';
import { FinancingSourcesController } from './financing-sources.controller.js';
import { FinancingSourcesService } from './financing-sources.service.js';
import { FundingRequest } from './funding-request.entity.js';
import { FundingRequestsController } from './funding-requests.controller.js';
import { FundingRequestsService } from './funding-requests.service.js';

@Module({
  imports: [ProjectsModule, TypeOrmModule.forFeature([FinancingSource, FundingRequest])],
  controllers: [FinancingSourcesController, FundingRequestsController],
  providers: [FinancingSourcesService, FundingRequestsService],
})
export class FinancingModule {}
