import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ContactIdParam, ProjectIdParam } from '../projects/project-api-docs.js';
import { PrivacyService } from './privacy.service.js';

/**
 * Erasing one contact of a project: a project's route, but the erasure reaches the record of
 * e-mail too, which this folder asks and `projects/` does not know.
 */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ContactErasureController {
  constructor(private readonly privacy: PrivacyService) {}

  @Roles(...WRITERS)
  @Delete(':id/contacts/:contactId')
  @HttpCode(204)
  @ProjectIdParam()
  @ContactIdParam()
  @ApiOperation({
    summary: 'Erase a contact',
    description:
      'Erases the person from the project (Law 25: a person may ask to be forgotten), and blanks their address ' +
      'and messages in the record of e-mail. `POST /privacy/people/erase` erases a person from every project.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiForbiddenResponse({
    description: 'Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may)',
  })
  @ApiNotFoundResponse({ description: 'No such project, or no such contact on this project' })
  deleteContact(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Param('contactId', ParseId('contactId')) contactId: number,
  ): Promise<void> {
    return this.privacy.eraseContact(user, id, contactId);
  }
}
