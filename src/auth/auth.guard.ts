import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../users/user.entity.js';
import { AccessTokens, type CheckedToken } from './access-tokens.js';
import { IS_PUBLIC, ROLES_ALLOWED } from './auth.decorators.js';

/**
 * Checks the bearer token, then the route's roles. The user is read from the database on every
 * request, with their token version and whether the token was signed out, so that a deactivated
 * account, a changed role or password, or a sign-out takes effect at once on every api process.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: unknown; accessToken?: CheckedToken }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new UnauthorizedException('Sign in first: send Authorization: Bearer <accessToken> from POST /auth/login');

    const check = await this.tokens.check(token);
    if (!check.ok) throw new UnauthorizedException(check.reason);
    const { user } = check.token;
    request.user = user;
    request.accessToken = check.token;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new ForbiddenException(`This needs one of the roles ${allowed.join(', ')}; you are ${user.role}`);
    }
    return true;
  }
}
