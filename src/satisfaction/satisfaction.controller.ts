import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { RecordRatingsDto } from './dto/ratings.dto.js';
import { SatisfactionService } from './satisfaction.service.js';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  /** Participants' ratings, 1 to 5, one or many at once; all or nothing. Answers the cohort's shares after them. */
  @Roles(...MANAGERS)
  @Post(':id/ratings')
  record(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number, @Body() body: RecordRatingsDto) {
    return this.satisfaction.record(user, id, body.ratings);
  }

  /** How many answered, the share that rated 4 or 5, and the share that rated 5. */
  @Get(':id/ratings')
  summary(@Param('id', ParseId()) id: number) {
    return this.satisfaction.ofCohort(id);
  }
}
