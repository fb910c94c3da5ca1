import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CohortsService } from './cohorts.service.js';
import { CreateCohortDto, ListCohortsQuery, UpdateCohortDto } from './dto/cohort.dto.js';
import { COHORT_ID } from './dto/cohort.properties.js';
import { CohortResponse } from './dto/cohort.response.js';

const NUMBER_TAKEN = 'The program already has a cohort with this number';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @ApiOperation({
    summary: 'List cohorts',
    description: 'Oldest first (by start date), optionally of one program and one reporting year.',
  })
  @ApiOkResponse({ type: [CohortResponse], description: 'The cohorts' })
  @Get()
  list(@Query() query: ListCohortsQuery): Promise<CohortResponse[]> {
    return this.cohorts.list(query);
  }

  @ApiOperation({ summary: 'Get a cohort' })
  @ApiParam(COHORT_ID)
  @ApiOkResponse({ type: CohortResponse, description: 'The cohort' })
  @Get(':id')
  get(@Param('id', ParseId()) id: number): Promise<CohortResponse> {
    return this.cohorts.get(id);
  }

  @ApiOperation({ summary: 'Create a cohort of a cohort program' })
  @ApiCreatedResponse({ type: CohortResponse, description: 'The new cohort' })
  @ApiConflictResponse({ description: NUMBER_TAKEN })
  @ApiUnprocessableEntityResponse({
    description: 'An unknown program, a program not run in cohorts, or a cohort that ends before it starts',
  })
  @Roles(...MANAGERS)
  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCohortDto): Promise<CohortResponse> {
    return this.cohorts.create(user, body);
  }

  @ApiOperation({
    summary: 'Change a cohort',
    description:
      "Only the fields sent change. The cohort's figures and those of its program's year are recomputed (of both " +
      'years when a new start date moves it to another).',
  })
  @ApiParam(COHORT_ID)
  @ApiOkResponse({ type: CohortResponse, description: 'The cohort as it is now' })
  @ApiConflictResponse({ description: NUMBER_TAKEN })
  @ApiUnprocessableEntityResponse({
    description: 'A cohort that would end before it starts, or a capacity below the projects already enrolled',
  })
  @Roles(...MANAGERS)
  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateCohortDto,
  ): Promise<CohortResponse> {
    return this.cohorts.update(user, id, body);
  }
}
