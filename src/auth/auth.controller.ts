import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Post,
  UnauthorizedException,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { UsersService } from '../users/users.service.js';
import { Public } from './auth.decorators.js';
import { AccessTokenDto, LoginDto } from './dto/login.dto.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { SignInTurnInterceptor } from './sign-in-turn.interceptor.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresIn };
  }
}
