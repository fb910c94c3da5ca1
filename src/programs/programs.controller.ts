import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { UpdateProgramDto } from './dto/program.dto.js';
import { ProgramResponse } from './dto/program.response.js';
import { CreateStageDto, ReorderStagesDto, UpdateStageDto } from './dto/stage.dto.js';
import { StageResponse } from './dto/stage.response.js';
import { ProgramsService } from './programs.service.js';

const PROGRAM_CODE = {
  name: 'code',
  description: 'The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop`',
  example: 'demarrage',
};
const STAGE_CODE = { name: 'stageCode', description: 'The stage code within the program', example: 'plan-affaires' };
const MILESTONE_TAKEN = 'The milestone already belongs to another stage of the program: a milestone marks one stage';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @ApiOperation({ summary: 'List the programs', description: 'The four programs, in order, each with its stages.' })
  @ApiOkResponse({ type: [ProgramResponse], description: 'The programs' })
  @Get()
  list(): Promise<ProgramResponse[]> {
    return this.programs.list();
  }

  @ApiOperation({ summary: 'Get a program with its stages' })
  @ApiParam(PROGRAM_CODE)
  @ApiOkResponse({ type: ProgramResponse, description: 'The program' })
  @Get(':code')
  get(@Param('code') code: string): Promise<ProgramResponse> {
    return this.programs.get(code);
  }

  @ApiOperation({
    summary: "Change a program's settings",
    description:
      'The check-in offsets of a cohort program: days after a cohort ends when its active projects get a check-in.',
  })
  @ApiParam({ ...PROGRAM_CODE, example: 'parcours-coop' })
  @ApiOkResponse({ type: ProgramResponse, description: 'The program as it is now' })
  @ApiUnprocessableEntityResponse({
    description: 'Offsets other than [] for a program without cohorts: it has no cohort ends to check in after',
  })
  @Roles('admin')
  @Patch(':code')
  update(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('code') code: string,
    @Body() body: UpdateProgramDto,
  ): Promise<ProgramResponse> {
    return this.programs.update(admin, code, body);
  }

  @ApiOperation({ summary: "List a program's stages", description: 'The pipeline, in order.' })
  @ApiParam(PROGRAM_CODE)
  @ApiOkResponse({ type: [StageResponse], description: "The program's stages, in order" })
  @Get(':code/stages')
  async stages(@Param('code') code: string): Promise<StageResponse[]> {
    return (await this.programs.get(code)).stages;
  }

  @ApiOperation({
    summary: 'Add a stage to a program',
    description: "Inserted at `position` (last by default); the figures of the program's scopes are recomputed.",
  })
  @ApiParam(PROGRAM_CODE)
  @ApiCreatedResponse({ type: [StageResponse], description: "The program's stages, the new one among them, in order" })
  @ApiConflictResponse({ description: `The program already has a stage with this code. Or: ${MILESTONE_TAKEN}` })
  @ApiUnprocessableEntityResponse({
    description:
      'A code that is a move target of its own (`abandoned`, `reopen`), or a position past one after the last stage',
  })
  @Roles('admin')
  @Post(':code/stages')
  addStage(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('code') code: string,
    @Body() body: CreateStageDto,
  ): Promise<StageResponse[]> {
    return this.programs.addStage(admin, code, body);
  }

  @ApiOperation({
    summary: "Reorder a program's stages",
    description: 'Positions are renumbered 1 to n; the figures count by the new order ("reached" follows it).',
  })
  @ApiParam(PROGRAM_CODE)
  @ApiOkResponse({ type: [StageResponse], description: "The program's stages in their new order" })
  @ApiUnprocessableEntityResponse({
    description: '`codes` does not list every stage of the program exactly once; `details` has `missing` and `unknown`',
  })
  @Roles('admin')
  @Put(':code/stages/order')
  reorder(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('code') code: string,
    @Body() body: ReorderStagesDto,
  ): Promise<StageResponse[]> {
    return this.programs.reorderStages(admin, code, body);
  }

  @ApiOperation({
    summary: 'Change a stage',
    description: 'Labels, milestone and stale threshold; the code never changes.',
  })
  @ApiParam(PROGRAM_CODE)
  @ApiParam(STAGE_CODE)
  @ApiOkResponse({ type: StageResponse, description: 'The stage as it is now' })
  @ApiConflictResponse({ description: MILESTONE_TAKEN })
  @Roles('admin')
  @Patch(':code/stages/:stageCode')
  updateStage(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('code') code: string,
    @Param('stageCode') stageCode: string,
    @Body() body: UpdateStageDto,
  ): Promise<StageResponse> {
    return this.programs.updateStage(admin, code, stageCode, body);
  }

  @ApiOperation({
    summary: 'Delete a stage',
    description: 'Only a stage that no enrollment sits in and no move mentions; the others move up.',
  })
  @ApiParam(PROGRAM_CODE)
  @ApiParam(STAGE_CODE)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'A project sits in the stage or its history mentions it: relabel it instead' })
  @ApiUnprocessableEntityResponse({ description: 'It is the last stage of the program: a program keeps one' })
  @Roles('admin')
  @Delete(':code/stages/:stageCode')
  @HttpCode(204)
  deleteStage(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('code') code: string,
    @Param('stageCode') stageCode: string,
  ): Promise<void> {
    return this.programs.deleteStage(admin, code, stageCode);
  }
}
