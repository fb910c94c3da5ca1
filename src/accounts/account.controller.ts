import { Body, Controller, Get, HttpException, HttpStatus, Patch, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessTokens } from '../auth/access-tokens.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { SignInLimiter } from '../auth/sign-in-limits/sign-in-limiter.js';
import { OwnAccountDto, UpdateOwnAccountDto } from '../users/dto/user.dto.js';
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
  @ApiOkResponse({ type: OwnAccountDto })
  me(@CurrentUser() user: AuthenticatedUser) {
    return this.users.get(user.id);
  }

  /**
   * A new password needs the current one, and revokes every token of the account: the answer
   * carries a fresh token so this session goes on.
   */
  @Patch()
  @ApiOkResponse({ type: OwnAccountDto })
  @ApiUnprocessableEntityResponse({ description: 'currentPassword is wrong; nothing was changed' })
  @ApiTooManyRequestsResponse({ description: 'Too many password checks for this account or address' })
  async update(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: UpdateOwnAccountDto,
    @Req() request: FastifyRequest,
  ): Promise<OwnAccountDto> {
    // Checking the current password is a sign-in attempt: a stolen token must not guess it freely.
    if (body.password !== undefined) await this.countPasswordCheck(request.ip, caller.email);
    const { user, tokenVersion } = await this.users.updateOwn(caller.id, body);
    if (tokenVersion === null) return user;
    return { ...user, ...(await this.tokens.issue(user, tokenVersion)) };
  }

  private async countPasswordCheck(address: string, email: string): Promise<void> {
    const verdict = await this.limiter.hit({ address, account: email });
    if (verdict.allowed) return;
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new HttpException(`Too many password checks; try again in ${seconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
