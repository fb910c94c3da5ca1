import { Module } from '@nestjs/common';
import { CalendarEvents } from './calendar-events.js';
import { CalendarFeedController } from './calendar-feed.controller.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';
import { CalendarFileController } from './calendar-file.controller.js';

/** Each user's follow-ups and cohort dates as a calendar feed at a secret address. */
@Module({
  controllers: [CalendarFeedController, CalendarFileController],
  providers: [CalendarFeedsService, CalendarEvents],
})
export class CalendarModule {}
