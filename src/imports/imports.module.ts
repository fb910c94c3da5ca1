import { Module } from '@nestjs/common';
import { FiguresModule } from '../figures/figures.module.js';
import { ProgramsModule } from '../programs/programs.module.js';
import { ImportLogService } from './import-log.service.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [FiguresModule, ProgramsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportLogService],
})
export class ImportsModule {}
