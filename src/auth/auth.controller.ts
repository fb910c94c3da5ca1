import { Body, Controller, HttpCode, Post, UnauthorizedException, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UsersService } from '../users/users.service.js';
import { AccessTokens, type CheckedToken } from './access-tokens.js';
import { CurrentToken, Public } from './auth.decorators.js';
import { SignedOutTokens } from './signed-out-tokens.js';
import { AccessTokenDto, LoginDto } from './dto/login.dto.js';
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
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts per address, per account, or at once from one address',
  })
  async login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) throw new UnauthorizedException('Wrong e-mail or password');
    return this.tokens.issue(user, user.tokenVersion);
  }

  /** This token stops working at once, on every api process; the user's other tokens go on. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out: this token now gets 401' })
  @ApiUnauthorizedResponse({ description: 'No valid token' })
  async logout(@CurrentToken() token: CheckedToken): Promise<void> {
    await this.signedOut.signOut(token);
  }
}
