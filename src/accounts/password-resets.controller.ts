import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Public, Roles } from '../auth/auth.decorators.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CompletePasswordResetDto, StartedPasswordResetDto } from './dto/password-reset.dto.js';
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
  @ApiAcceptedResponse({ type: StartedPasswordResetDto, description: 'The e-mail is on its way; no token here' })
  @ApiUnprocessableEntityResponse({ description: 'The account is deactivated' })
  start(@Param('id', ParseId()) id: number): Promise<StartedPasswordResetDto> {
    return this.resets.start(id);
  }

  /** With the token of the e-mail: sets the password and signs out every token of the account. */
  @ApiTags('auth')
  @Public()
  @Post('auth/password-reset')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The new password is set; sign in with it' })
  @ApiUnprocessableEntityResponse({ description: 'The link is invalid or has expired (unknown, used or too old)' })
  async complete(@Body() body: CompletePasswordResetDto): Promise<void> {
    await this.resets.complete(body.token, body.password);
  }
}
