import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { COHORT_ID } from '../cohorts/dto/cohort.properties.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CohortStatsResponse } from './dto/cohort-stats.response.js';
import { FreshQuery, ProgramYearQuery } from './dto/figures.query.js';
import { FunnelResponse } from './dto/funnel.response.js';
import { ProgramStatsResponse } from './dto/program-stats.response.js';
import { RateResponse } from './dto/rate.response.js';
import { FiguresService } from './figures.service.js';

const STORED =
  'Reads the figures the recompute job stored (one indexed read), or computes them now when none are ' +
  'stored yet or `fresh=true` asks for it. `pending` says whether a change is waiting for its recompute.';

const PROGRAM_CODE = { name: 'code', description: 'The program code', example: 'parcours-coop' };

@ApiTags('figures')
@ApiBearerAuth()
@ApiExtraModels(RateResponse)
@Controller()
export class FiguresController {
  constructor(private readonly figures: FiguresService) {}

  @ApiOperation({
    summary: "A cohort's figures",
    description:
      'Registered, completed, incorporated, operating, abandoned and on-hold projects, entrepreneurs, the ' +
      'completion rate and the cohort start rate (incorporated / completed, whenever the projects ' +
      `incorporated). ${STORED}`,
  })
  @ApiParam(COHORT_ID)
  @ApiOkResponse({ type: CohortStatsResponse, description: "The cohort's figures" })
  @Get('cohorts/:id/stats')
  cohortStats(@Param('id', ParseId()) id: number, @Query() query: FreshQuery): Promise<CohortStatsResponse> {
    return this.figures.cohortFigures(id, query.fresh === 'true');
  }

  @ApiOperation({
    summary: "A program's figures for a reporting year",
    description:
      "The same counts over the year: a cohort program's cohorts that start in the year (one row each in " +
      '`cohorts`), or the projects that entered an accompaniment program that year. `startRate` is the ' +
      `program-year start rate, incorporated / registered. ${STORED}`,
  })
  @ApiParam(PROGRAM_CODE)
  @ApiOkResponse({ type: ProgramStatsResponse, description: "The program's figures for the year" })
  @Get('programs/:code/stats')
  programStats(@Param('code') code: string, @Query() query: ProgramYearQuery): Promise<ProgramStatsResponse> {
    return this.figures.programStats(code, query.year, query.fresh === 'true');
  }

  @ApiOperation({
    summary: "A program's funnel for a reporting year",
    description:
      "For each stage, how many of the year's projects reached it, how many are in it now and the median days " +
      'spent in it; for each milestone, how many reached it and its rates against the previous milestone, ' +
      `the first one and every project (42 → 20 → 11: 48 %, 55 %, 26 %). ${STORED}`,
  })
  @ApiParam({ ...PROGRAM_CODE, example: 'demarrage' })
  @ApiOkResponse({ type: FunnelResponse, description: "The program's funnel for the year" })
  @Get('programs/:code/funnel')
  programFunnel(@Param('code') code: string, @Query() query: ProgramYearQuery): Promise<FunnelResponse> {
    return this.figures.programFunnel(code, query.year, query.fresh === 'true');
  }
}
