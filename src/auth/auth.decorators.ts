import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.entity.js';
import type { CheckedToken } from './access-tokens.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES_ALLOWED = 'auth:roles';

/** No token needed (login, health). Every other route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; without it, any signed-in user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

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
