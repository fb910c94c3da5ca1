import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { UsersService } from '../users/users.service.js';
import type { Role } from '../users/user.entity.js';
import { IS_PUBLIC, ROLES_ALLOWED } from './auth.decorators.js';

/**
 * Checks the bearer token, then the route's roles. The user is read from the database on every
 * request so that a deactivated account or a changed role takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new UnauthorizedException('Sign in first: send Authorization: Bearer <accessToken> from POST /auth/login');

    let subject: number;
    try {
      subject = Number((await this.jwt.verifyAsync<{ sub: number }>(token)).sub);
    } catch {
      throw new UnauthorizedException('The access token is invalid or has expired: sign in again');
    }
    const user = await this.users.findActive(subject);
    if (!user) throw new UnauthorizedException('This account no longer exists or has been deactivated');
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new ForbiddenException(`This needs one of the roles ${allowed.join(', ')}; you are ${user.role}`);
    }
    return true;
  }
}
