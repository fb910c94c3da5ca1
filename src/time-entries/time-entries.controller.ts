import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { idParam } from '../common/id-param.js';
import { CreateTimeEntryDto, ListTimeEntriesQuery, UpdateTimeEntryDto } from './dto/time-entry.dto.js';
import { TimeEntryPageResponse, TimeEntryResponse } from './dto/time-entry.response.js';
import { TimeEntriesService } from './time-entries.service.js';

const ENTRY_ID = idParam('The time entry id', 42);
const INVALID_ENTRY =
  '400 names the field, besides malformed ones, for: hours past 24 for the advisor on that date, all entries ' +
  'counted; a date after today in Montréal; an unknown or retired type, or one whose family does not serve ' +
  'the target; both or neither of projectId and organizationId.';
const CHANGE_RULE =
  'An advisor changes only their own entries, and only while their date (and the new date) is at most ' +
  '30 days before today in Montréal; coordinators and admins any entry at any time.';

@ApiTags('time-entries')
@ApiBearerAuth()
@Controller('time-entries')
export class TimeEntriesController {
  constructor(private readonly entries: TimeEntriesService) {}

  @ApiOperation({
    summary: 'Record time',
    description:
      'Hours an advisor spent on one date for one project or one co-op. An advisor records their own; ' +
      `coordinators and admins may name the advisor. ${INVALID_ENTRY}`,
  })
  @ApiCreatedResponse({ type: TimeEntryResponse, description: 'The entry recorded' })
  @ApiNotFoundResponse({ description: 'The project or co-op does not exist' })
  @ApiForbiddenResponse({ description: 'Viewers; an advisor naming someone else, or a date more than 30 days back' })
  @ApiUnprocessableEntityResponse({ description: '`advisorId` is not an active advisor, coordinator or admin' })
  @Roles(...WRITERS)
  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateTimeEntryDto): Promise<TimeEntryResponse> {
    return this.entries.create(user, body);
  }

  @ApiOperation({
    summary: 'List time entries',
    description:
      "Everyone's, filtered, latest date first; `totalHours` sums every entry the filters match (a project's " +
      "or a co-op's total). Viewers get every field but the note.",
  })
  @ApiOkResponse({ type: TimeEntryPageResponse })
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListTimeEntriesQuery): Promise<TimeEntryPageResponse> {
    return this.entries.list(user, query);
  }

  @ApiOperation({
    summary: 'Change a time entry',
    description: `Only the fields sent change, and the result is checked as a new entry. ${CHANGE_RULE} ${INVALID_ENTRY}`,
  })
  @ApiParam(ENTRY_ID)
  @ApiOkResponse({ type: TimeEntryResponse, description: 'The entry as it is now' })
  @ApiNotFoundResponse({ description: 'No entry has this id, or the project or co-op does not exist' })
  @ApiForbiddenResponse({ description: "Viewers; an advisor changing another person's entry, or one past 30 days" })
  @ApiUnprocessableEntityResponse({ description: '`advisorId` is not an active advisor, coordinator or admin' })
  @Roles(...WRITERS)
  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateTimeEntryDto,
  ): Promise<TimeEntryResponse> {
    return this.entries.update(user, id, body);
  }

  @ApiOperation({ summary: 'Delete a time entry', description: CHANGE_RULE })
  @ApiParam(ENTRY_ID)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No entry has this id' })
  @ApiForbiddenResponse({ description: "Viewers; an advisor deleting another person's entry, or one past 30 days" })
  @Roles(...WRITERS)
  @Delete(':id')
  @HttpCode(204)
  delete(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number): Promise<void> {
    return this.entries.delete(user, id);
  }
}
