import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MANAGERS, Roles } from '../auth/auth.decorators.js';
import { AuditLog } from './audit-log.js';
import { AuditPageResponse } from './dto/audit-entry.response.js';
import { AuditQuery } from './dto/audit.query.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles(...MANAGERS)
@Controller('audit')
export class AuditController {
  constructor(private readonly log: AuditLog) {}

  @Get()
  @ApiOperation({
    summary: 'Who changed what',
    description:
      'Every creation, change and deletion of projects (their snoozes too), enrollments (a change of cohort), ' +
      'contacts, cohorts, programs (check-in offsets) and their stages, users (role, activity, password resets; ' +
      'never a password), follow-up tasks, notes, ratings, hours, job counts, funding requests, financing sources, ' +
      'intervention types and organizations: who, when, and the fields before and after. Stage moves are in each ' +
      "project's history (`GET /projects/:id/transitions`), not here. An erased contact's name and e-mail are " +
      'blanked in every entry. Newest first, paged.',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiBadRequestResponse({ description: 'A filter that is not valid, `id` without `entity`, or `from` after `to`' })
  list(@Query() query: AuditQuery): Promise<AuditPageResponse> {
    return this.log.list(query);
  }
}
