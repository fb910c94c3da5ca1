import { Module } from '@nestjs/common';
import { FiguresModule } from '../figures/figures.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgramsModule } from '../programs/programs.module.js';
import { Cohort } from './cohort.entity.js';
import { CohortsController } from './cohorts.controller.js';
import { CohortsService } from './cohorts.service.js';

@Module({
  imports: [FiguresModule, TypeOrmModule.forFeature([Cohort]), ProgramsModule],
  controllers: [CohortsController],
  providers: [CohortsService],
  exports: [CohortsService],
})
export class CohortsModule {}
