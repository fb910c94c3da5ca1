import { createSecretKey } from 'node:crypto';
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
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a PEM
      // public key on every verify and only then falls back to HMAC, which costs 40 times the check.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtExpiresIn as `${number}h` },
        verifyOptions: { algorithms: ['HS256'] },
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
