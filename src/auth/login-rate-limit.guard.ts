import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignInLimiter } from './sign-in-limits/sign-in-limiter.js';

const REFUSALS = {
  address: 'Too many sign-in attempts from this address',
  account: 'Too many sign-in attempts for this account',
};

/**
 * Counts each sign-in attempt per client address and per account, and refuses one over either
 * limit with 429 and Retry-After before the handler runs: a refused attempt costs no password hash,
 * so a flood of them does not slow anyone else's sign-in.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: SignInLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Body?: { email?: unknown } }>>();
    const email = typeof request.body?.email === 'string' ? request.body.email.trim().toLowerCase() : '';
    const verdict = await this.limiter.hit({ address: request.ip, account: email || null });
    if (verdict.allowed) return true;

    const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfter));
    throw new HttpException(`${REFUSALS[verdict.limit]}; try again in ${retryAfter} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
