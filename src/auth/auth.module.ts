import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { UsersModule } from '../users/users.module.js';
import { AccessTokens } from './access-tokens.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { SignInLimiter } from './sign-in-limits/sign-in-limiter.js';
import { SignedOutTokens } from './signed-out-tokens.js';
import { SignInTurnInterceptor } from './sign-in-turn.interceptor.js';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.jwtExpiresIn as `${number}h` },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    SignInLimiter,
    LoginRateLimitGuard,
    SignInTurnInterceptor,
    AccessTokens,
    SignedOutTokens,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SignInLimiter, AccessTokens],
})
export class AuthModule {}
