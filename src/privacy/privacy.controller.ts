import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ErasePersonDto, PersonQuery } from './dto/person.query.js';
import { ErasureResponse, PersonalInformationResponse } from './dto/personal-information.response.js';
import { PrivacyService } from './privacy.service.js';

/** Personal information requests (Law 25): for admins, who answer them. */
@ApiTags('privacy')
@ApiBearerAuth()
@Roles('admin')
@Controller('privacy/people')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get()
  @ApiOperation({
    summary: 'What is held about a person',
    description:
      'Everything the service holds about the person with this e-mail (in any case): their contact rows with ' +
      'their projects, the e-mails sent to them, the cohort exports with contacts that may hold them, and their ' +
      'account. The request is recorded (who asked, when, how much was found), without the e-mail.',
  })
  @ApiOkResponse({ type: PersonalInformationResponse })
  @ApiBadRequestResponse({ description: 'No e-mail, or not an e-mail' })
  personalInformation(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PersonQuery,
  ): Promise<PersonalInformationResponse> {
    return this.privacy.personalInformation(user, query.email);
  }

  @Post('erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a person',
    description:
      'Forgets the person with this e-mail everywhere, in one transaction: their contact rows are deleted, the ' +
      'e-mails sent to them keep no address, name or message (one not yet sent is marked failed), and the ' +
      'development outbox loses its copies. Figures never depend on contacts and stay as they are. The request ' +
      'is recorded with what it erased, without the e-mail.',
  })
  @ApiOkResponse({ type: ErasureResponse, description: 'How much was erased' })
  @ApiBadRequestResponse({ description: 'No e-mail, or not an e-mail: nothing is erased' })
  @ApiConflictResponse({
    description: 'An account has this e-mail: an admin deactivates it or changes its e-mail first (it is the login)',
  })
  erase(@CurrentUser() user: AuthenticatedUser, @Body() body: ErasePersonDto): Promise<ErasureResponse> {
    return this.privacy.erasePerson(user, body.email);
  }
}
