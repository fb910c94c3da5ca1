import { Module } from '@nestjs/common';
import { FiguresModule } from '../figures/figures.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Program } from './program.entity.js';
import { ProgramsController } from './programs.controller.js';
import { ProgramsService } from './programs.service.js';
import { Stage } from './stage.entity.js';

@Module({
  imports: [FiguresModule, TypeOrmModule.forFeature([Program, Stage])],
  controllers: [ProgramsController],
  providers: [ProgramsService],
  exports: [ProgramsService],
})
export class ProgramsModule {}
