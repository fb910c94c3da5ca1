import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { COHORT_ID } from '../cohorts/dto/cohort.properties.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { RateResponse } from '../figures/dto/rate.response.js';
import { RecordRatingsDto } from './dto/ratings.dto.js';
import { CohortSatisfactionResponse } from './dto/satisfaction.response.js';
import { SatisfactionService } from './satisfaction.service.js';

@ApiTags('cohorts')
@ApiBearerAuth()
@ApiExtraModels(RateResponse)
@Controller('cohorts')
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @ApiOperation({
    summary: "Record participants' ratings of a cohort",
    description:
      "One rating or many (up to 500), 1 to 5 each, all recorded or none. Answers the cohort's satisfaction " +
      'with them counted.',
  })
  @ApiParam(COHORT_ID)
  @ApiCreatedResponse({
    type: CohortSatisfactionResponse,
    description: "The cohort's satisfaction, the new ratings counted",
  })
  @Roles(...MANAGERS)
  @Post(':id/ratings')
  record(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: RecordRatingsDto,
  ): Promise<CohortSatisfactionResponse> {
    return this.satisfaction.record(user, id, body.ratings);
  }

  @ApiOperation({
    summary: "A cohort's satisfaction",
    description:
      'How many participants answered, the share that rated the program 4 or 5, and the share that rated it 5; ' +
      'read from the answers, never stored.',
  })
  @ApiParam(COHORT_ID)
  @ApiOkResponse({ type: CohortSatisfactionResponse, description: "The cohort's satisfaction" })
  @Get(':id/ratings')
  summary(@Param('id', ParseId()) id: number): Promise<CohortSatisfactionResponse> {
    return this.satisfaction.ofCohort(id);
  }
}
