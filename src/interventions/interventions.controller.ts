import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CreateInterventionTypeDto, UpdateInterventionTypeDto } from './dto/intervention-type.dto.js';
import { InterventionFamilyResponse, InterventionTypeResponse } from './dto/intervention-type.response.js';
import { InterventionsService } from './interventions.service.js';

const TYPE_CODE = { name: 'code', description: 'The intervention type code', example: 'analyse-financiere' };

@ApiTags('time-entries')
@ApiBearerAuth()
@Controller('intervention-types')
export class InterventionsController {
  constructor(private readonly interventions: InterventionsService) {}

  @ApiOperation({
    summary: 'List the intervention types',
    description: 'By family in order, each with its types in order, retired ones included (`active: false`).',
  })
  @ApiOkResponse({ type: [InterventionFamilyResponse], description: 'The families and their types' })
  @Get()
  list(): Promise<InterventionFamilyResponse[]> {
    return this.interventions.list();
  }

  @ApiOperation({ summary: 'Add an intervention type to a family' })
  @ApiCreatedResponse({ type: InterventionTypeResponse, description: 'The new type' })
  @ApiConflictResponse({ description: 'A type with this code already exists' })
  @ApiUnprocessableEntityResponse({ description: 'No family has `familyCode`, or a position past one after the last' })
  @Roles('admin')
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateInterventionTypeDto,
  ): Promise<InterventionTypeResponse> {
    return this.interventions.create(user, body);
  }

  @ApiOperation({
    summary: 'Change an intervention type',
    description: 'Labels, position within its family, and whether it is active; the code never changes.',
  })
  @ApiParam(TYPE_CODE)
  @ApiOkResponse({ type: InterventionTypeResponse, description: 'The type as it is now' })
  @ApiNotFoundResponse({ description: 'No type has this code' })
  @ApiUnprocessableEntityResponse({ description: 'A position past the last type of its family' })
  @Roles('admin')
  @Patch(':code')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('code') code: string,
    @Body() body: UpdateInterventionTypeDto,
  ): Promise<InterventionTypeResponse> {
    return this.interventions.update(user, code, body);
  }

  @ApiOperation({ summary: 'Delete an intervention type', description: 'Only a type no time entry uses.' })
  @ApiParam(TYPE_CODE)
  @ApiNoContentResponse({ description: 'Deleted; the types after it move up' })
  @ApiNotFoundResponse({ description: 'No type has this code' })
  @ApiConflictResponse({ description: 'Time entries use it: retire it (`active: false`) instead' })
  @Roles('admin')
  @Delete(':code')
  @HttpCode(204)
  delete(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string): Promise<void> {
    return this.interventions.delete(user, code);
  }
}
