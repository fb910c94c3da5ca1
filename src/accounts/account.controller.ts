import { Body, Controller, Get, HttpException, HttpStatus, Patch, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokens } from '../auth/access-tokens.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { SignInLimiter } from '../auth/sign-in-limits/sign-in-limiter.js';
import { UpdateOwnAccountDto } from '../users/dto/user.dto.js';
import { OwnAccountResponse } from '../users/dto/own-account.response.js';
import { UserResponse } from '../users/dto/user.response.js';
import { UsersService } from '../users/users.service.js';

/** Every signed-in user's own account: who they are, their name, language and password. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users/me')
export class AccountController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly limiter: SignInLimiter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Get your own account', description: 'Who the token belongs to.' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserResponse> {
    return this.users.get(user.id);
  }

  /**
   * A new password needs the current one, and revokes every token of the account: the answer
   * carries a fresh token so this session goes on.
   */
  @Patch()
  @ApiOperation({
    summary: 'Change your own account',
    description:
      'Your name, language and password; only the fields sent change. A new password needs `currentPassword`, ' +
      'is checked like a sign-in attempt (and counted against the same limits), and revokes every token of the ' +
      'account, this one included: the answer then carries a fresh `accessToken` to go on with.',
  })
  @ApiOkResponse({ type: OwnAccountResponse, description: 'The account as changed' })
  @ApiUnprocessableEntityResponse({
    description: '`currentPassword` is wrong (`details` names it); nothing was changed',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many password checks for this account or from this address' })
  async update(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: UpdateOwnAccountDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OwnAccountResponse> {
    // Checking the current password is a sign-in attempt: a stolen token must not guess it freely.
    if (body.password !== undefined) await this.countPasswordCheck(request.ip, caller.email, reply);
    const { user, tokenVersion } = await this.users.updateOwn(caller.id, body);
    if (tokenVersion === null) return user;
    return { ...user, ...(await this.tokens.issue(user, tokenVersion)) };
  }

  private async countPasswordCheck(address: string, email: string, reply: FastifyReply): Promise<void> {
    const verdict = await this.limiter.hit({ address, account: email });
    if (verdict.allowed) return;
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    // The same header as a refused sign-in, so that a client waits the same way for both.
    void reply.header('Retry-After', String(seconds));
    throw new HttpException(`Too many password checks; try again in ${seconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
