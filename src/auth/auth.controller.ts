import { Body, Controller, HttpCode, Post, UnauthorizedException, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UsersService } from '../users/users.service.js';
import { AccessTokens, type CheckedToken } from './access-tokens.js';
import { CurrentToken, Public } from './auth.decorators.js';
import { SignedOutTokens } from './signed-out-tokens.js';
import { AccessTokenResponse } from './dto/access-token.response.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { SignInTurnInterceptor } from './sign-in-turn.interceptor.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly signedOut: SignedOutTokens,
  ) {}

  @Public()
  @UseGuards(LoginRateLimitGuard)
  @UseInterceptors(SignInTurnInterceptor)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Trades an e-mail and password for an access token. Attempts are counted per account and per client ' +
      'address (10 and 60 a minute by default), whether they succeed or not.',
  })
  @ApiOkResponse({ type: AccessTokenResponse, description: 'Signed in' })
  @ApiUnauthorizedResponse({
    description: 'Wrong e-mail or password, or a deactivated account (the same answer for all three)',
  })
  @ApiTooManyRequestsResponse({
    description:
      'Too many attempts for the account or from the address in the last minute, or too many at once from the address',
  })
  async login(@Body() body: LoginDto): Promise<AccessTokenResponse> {
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) throw new UnauthorizedException('Wrong e-mail or password');
    return this.tokens.issue(user, user.tokenVersion);
  }

  /** This token stops working at once, on every api process; the user's other tokens go on. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out',
    description: "The token sent stops working at once, on every api process; the user's other tokens go on.",
  })
  @ApiNoContentResponse({ description: 'Signed out: this token now gets 401' })
  // It takes no body, yet the server reads one that is sent: too large or not JSON, it is refused.
  async logout(@CurrentToken() token: CheckedToken): Promise<void> {
    await this.signedOut.signOut(token);
  }
}
