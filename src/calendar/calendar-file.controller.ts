import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';

const FILE = /^(.*)\.ics$/;

/**
 * The feed a calendar application reads: no bearer token, the secret is in the address. The
 * access line names the route (`/calendar/:file`), never the address.
 */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarFileController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Public()
  @Get(':file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  // The address is a secret: no cache between the service and the application may keep a copy.
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: "Read a user's calendar feed",
    description:
      'An iCalendar file (RFC 5545) for a calendar application to subscribe to, read at the secret address ' +
      '`POST /users/me/calendar` gives: the open follow-up tasks assigned to the address’s owner, each an all-day ' +
      'event on its due date (its note and project; UID `follow-up-<id>@<host>`), and the first and last days of ' +
      'the cohorts in which they advise a project that has not abandoned it (UID `cohort-<id>-start@<host>` and ' +
      '`-end`), in their language. Applications read it again every hour.',
  })
  @ApiParam({
    name: 'file',
    description: 'The token of the address, then `.ics`',
    schema: { type: 'string', example: 'q0Zx3uW1c8mB7tYbNf2vKjR5aLhE9sPdGiT4oUyXwCk.ics' },
  })
  @ApiOkResponse({
    description: 'The calendar, `text/calendar; charset=utf-8`, CRLF line ends, lines folded at 75 octets',
    headers: {
      'Cache-Control': {
        description: '`private, no-store`: the address is a secret, which no shared cache may keep',
        schema: { type: 'string', example: 'private, no-store' },
      },
    },
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({
    description:
      'No calendar at this address: never made, replaced by a newer one, revoked, or its user deactivated ' +
      '(the same answer for all)',
  })
  async read(@Param('file') file: string): Promise<string> {
    const token = FILE.exec(file)?.[1];
    const calendar = token === undefined ? null : await this.feeds.calendarAt(token);
    // The message never repeats the address: an error body may end up in a log or a screenshot.
    if (calendar === null) throw new DomainError('not_found', 'No calendar at this address');
    return calendar;
  }
}
