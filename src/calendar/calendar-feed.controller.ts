import { Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';
import { CalendarFeedResponse } from './dto/calendar-feed.response.js';

/** Every signed-in user's own secret calendar address: made, replaced, revoked. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('users/me/calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post()
  @ApiOperation({
    summary: 'Make your secret calendar address',
    description:
      'An address (`<PUBLIC_URL>/calendar/<token>.ics`) that a calendar application subscribes to without ' +
      'signing in: your open follow-up tasks on their due dates, and the first and last days of the cohorts ' +
      'in which you advise a project (one that has not abandoned it). It replaces your address before, which stops working at once. The ' +
      'address is shown only in this answer: the service keeps a hash of its token.',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponse, description: 'The new address; the one before no longer works' })
  // It takes no body, yet the server reads one that is sent: too large or not JSON, it is refused.
  create(@CurrentUser() user: AuthenticatedUser): Promise<CalendarFeedResponse> {
    return this.feeds.create(user.id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke your secret calendar address',
    description:
      'The address answers 404 from now on. Revoking when you have no address is not an error: the answer is ' +
      'the same 204.',
  })
  @ApiNoContentResponse({ description: 'You have no calendar address (any more)' })
  async revoke(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.feeds.revoke(user.id);
  }
}
