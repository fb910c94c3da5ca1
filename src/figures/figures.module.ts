import { Module } from '@nestjs/common';
import { FigureFailures } from './figure-failures.js';
import { FigureMarks } from './figure-marks.js';
import { FiguresCalculator } from './figures-calculator.js';
import { FiguresController } from './figures.controller.js';
import { FiguresJobs } from './figures-jobs.js';
import { FiguresRelay } from './figures-relay.js';
import { FiguresService } from './figures.service.js';

@Module({
  controllers: [FiguresController],
  providers: [FigureMarks, FigureFailures, FiguresCalculator, FiguresService, FiguresJobs, FiguresRelay],
  exports: [FigureMarks, FiguresService],
})
export class FiguresModule {}
