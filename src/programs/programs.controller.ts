import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { UpdateProgramDto } from './dto/program.dto.js';
import { CreateStageDto, ReorderStagesDto, UpdateStageDto } from './dto/stage.dto.js';
import { ProgramsService } from './programs.service.js';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get()
  list() {
    return this.programs.list();
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.programs.get(code);
  }

  /** Program settings: the check-in offsets of a cohort program. */
  @Roles('admin')
  @Patch(':code')
  update(@Param('code') code: string, @Body() body: UpdateProgramDto) {
    return this.programs.update(code, body);
  }

  @Get(':code/stages')
  async stages(@Param('code') code: string) {
    return (await this.programs.get(code)).stages;
  }

  @Roles('admin')
  @Post(':code/stages')
  addStage(@Param('code') code: string, @Body() body: CreateStageDto) {
    return this.programs.addStage(code, body);
  }

  @Roles('admin')
  @Put(':code/stages/order')
  reorder(@Param('code') code: string, @Body() body: ReorderStagesDto) {
    return this.programs.reorderStages(code, body);
  }

  @Roles('admin')
  @Patch(':code/stages/:stageCode')
  updateStage(@Param('code') code: string, @Param('stageCode') stageCode: string, @Body() body: UpdateStageDto) {
    return this.programs.updateStage(code, stageCode, body);
  }

  @Roles('admin')
  @Delete(':code/stages/:stageCode')
  @HttpCode(204)
  deleteStage(@Param('code') code: string, @Param('stageCode') stageCode: string) {
    return this.programs.deleteStage(code, stageCode);
  }
}
