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
import { CreateFinancingSourceDto, UpdateFinancingSourceDto } from './dto/financing-source.dto.js';
import { FinancingSourceResponse } from './dto/financing-source.response.js';
import { FinancingSourcesService } from './financing-sources.service.js';

const SOURCE_CODE = { name: 'code', description: 'The source code', example: 'fonds-municipaux' };
const NO_SOURCE = 'No financing source has this code';
const BAD_POSITION = '`position` past one after the last source';

@ApiTags('financing')
@ApiBearerAuth()
@Controller('financing-sources')
export class FinancingSourcesController {
  constructor(private readonly sources: FinancingSourcesService) {}

  @ApiOperation({
    summary: 'List the financing sources',
    description: 'In order, retired ones included (`active: false`): requests made earlier still name them.',
  })
  @ApiOkResponse({ type: [FinancingSourceResponse] })
  @Get()
  list(): Promise<FinancingSourceResponse[]> {
    return this.sources.list();
  }

  @ApiOperation({ summary: 'Add a financing source', description: 'Inserted at `position` (last by default).' })
  @ApiCreatedResponse({ type: FinancingSourceResponse, description: 'The new source' })
  @ApiConflictResponse({ description: 'A source already has this code' })
  @ApiUnprocessableEntityResponse({ description: BAD_POSITION })
  @Roles('admin')
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateFinancingSourceDto,
  ): Promise<FinancingSourceResponse> {
    return this.sources.create(user, body);
  }

  @ApiOperation({
    summary: 'Change a financing source',
    description: 'Labels, place in the list, and `active` (false retires it); the code never changes.',
  })
  @ApiParam(SOURCE_CODE)
  @ApiOkResponse({ type: FinancingSourceResponse, description: 'The source as it is now' })
  @ApiNotFoundResponse({ description: NO_SOURCE })
  @ApiUnprocessableEntityResponse({ description: BAD_POSITION })
  @Roles('admin')
  @Patch(':code')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('code') code: string,
    @Body() body: UpdateFinancingSourceDto,
  ): Promise<FinancingSourceResponse> {
    return this.sources.update(user, code, body);
  }

  @ApiOperation({
    summary: 'Delete a financing source',
    description: 'Only a source no request names; the others move up.',
  })
  @ApiParam(SOURCE_CODE)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NO_SOURCE })
  @ApiConflictResponse({ description: 'Funding requests name it: retire it with `active: false` instead' })
  @Roles('admin')
  @Delete(':code')
  @HttpCode(204)
  delete(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string): Promise<void> {
    return this.sources.delete(user, code);
  }
}
