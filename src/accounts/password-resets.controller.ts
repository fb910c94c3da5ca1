import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ApiUserIdParam } from '../users/api-user-id-param.js';
import { CompletePasswordResetDto } from './dto/password-reset.dto.js';
import { StartedPasswordResetResponse } from './dto/started-password-reset.response.js';
import { PasswordResetsService } from './password-resets.service.js';

@Controller()
export class PasswordResetsController {
  constructor(private readonly resets: PasswordResetsService) {}

  /** Admins: e-mails the user a link that sets a new password, valid one hour, once. */
  @ApiTags('users')
  @ApiBearerAuth()
  @Roles('admin')
  @Post('users/:id/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: "Start a reset of a user's password",
    description:
      'E-mails the user, in their language, a link that sets a new password: valid one hour, once. ' +
      'A new reset replaces the one before. The password stays as it is until the link is used.',
  })
  @ApiUserIdParam()
  @ApiAcceptedResponse({ type: StartedPasswordResetResponse, description: 'The e-mail is on its way; no token here' })
  @ApiUnprocessableEntityResponse({ description: 'The account is deactivated: reactivate it first' })
  // It takes no body, yet the server reads one that is sent: too large or not JSON, it is refused.
  start(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
  ): Promise<StartedPasswordResetResponse> {
    return this.resets.start(admin, id);
  }

  /** With the token of the e-mail: sets the password and signs out every token of the account. */
  @ApiTags('auth')
  @Public()
  @Post('auth/password-reset')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token of a reset e-mail',
    description: 'Every token of the account stops working; sign in with the new password.',
  })
  @ApiNoContentResponse({ description: 'The new password is set; sign in with it' })
  @ApiUnprocessableEntityResponse({
    description: 'The link is unknown, used or expired, or its account deactivated (the same answer for all)',
  })
  async complete(@Body() body: CompletePasswordResetDto): Promise<void> {
    await this.resets.complete(body.token, body.password);
  }
}
