import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MANAGERS, Roles } from '../auth/auth.decorators.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CohortsService } from './cohorts.service.js';
import { CreateCohortDto, ListCohortsQuery, UpdateCohortDto } from './dto/cohort.dto.js';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Get()
  list(@Query() query: ListCohortsQuery) {
    return this.cohorts.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseId()) id: number) {
    return this.cohorts.get(id);
  }

  @Roles(...MANAGERS)
  @Post()
  create(@Body() body: CreateCohortDto) {
    return this.cohorts.create(body);
  }

  @Roles(...MANAGERS)
  @Patch(':id')
  update(@Param('id', ParseId()) id: number, @Body() body: UpdateCohortDto) {
    return this.cohorts.update(id, body);
  }
}
