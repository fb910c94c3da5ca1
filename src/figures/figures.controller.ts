import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/parse-id.pipe.js';
import { FreshQuery, ProgramYearQuery } from './dto/figures.query.js';
import { FiguresService } from './figures.service.js';

@ApiTags('figures')
@ApiBearerAuth()
@Controller()
export class FiguresController {
  constructor(private readonly figures: FiguresService) {}

  /** Registered, completed, incorporated, ... and the cohort start rate (incorporated / completed). */
  @Get('cohorts/:id/stats')
  cohortStats(@Param('id', ParseId()) id: number, @Query() query: FreshQuery) {
    return this.figures.cohortFigures(id, query.fresh === 'true');
  }

  /** The same over the year's cohorts; startRate is the program-year rate (incorporated / registered). */
  @Get('programs/:code/stats')
  programStats(@Param('code') code: string, @Query() query: ProgramYearQuery) {
    return this.figures.programStats(code, query.year, query.fresh === 'true');
  }

  /** How many projects reached each stage, each milestone's rates, and the median days per stage. */
  @Get('programs/:code/funnel')
  programFunnel(@Param('code') code: string, @Query() query: ProgramYearQuery) {
    return this.figures.programFunnel(code, query.year, query.fresh === 'true');
  }
}
