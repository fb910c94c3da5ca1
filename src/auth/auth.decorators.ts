import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ACCESS_EXTENSION } from '../openapi/access.js';
import type { Role } from '../users/user.entity.js';
import type { CheckedToken } from './access-tokens.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES_ALLOWED = 'auth:roles';

/** No token needed (login, health). Every other route requires one. */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(ACCESS_EXTENSION, { public: true }));

/** Only these roles may call the route; without it, any signed-in user may. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_ALLOWED, roles), ApiExtension(ACCESS_EXTENSION, { roles }));

/** Roles that may change data, as opposed to reading it. */
export const WRITERS: Role[] = ['admin', 'coordinator', 'advisor'];
export const MANAGERS: Role[] = ['admin', 'coordinator'];

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

/** The checked token of the request (its id and expiry), for signing out. */
export const CurrentToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): CheckedToken =>
    context.switchToHttp().getRequest<{ accessToken: CheckedToken }>().accessToken,
);
