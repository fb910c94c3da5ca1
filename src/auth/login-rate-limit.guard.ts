import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const WINDOW_MS = 60_000;

/**
 * Counts sign-in attempts per address and account over one-minute windows, so guessing a password
 * is slow. In memory: each api process counts its own attempts, which still bounds guessing.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly attempts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Body?: { email?: unknown } }>>();
    const email = typeof request.body?.email === 'string' ? request.body.email.trim().toLowerCase() : '';
    const key = `${request.ip}|${email}`;
    const now = this.clock.now().getTime();
    this.forgetOldWindows(now);

    const entry = this.attempts.get(key);
    const current = entry && now - entry.windowStart < WINDOW_MS ? entry : { windowStart: now, count: 0 };
    current.count += 1;
    this.attempts.set(key, current);
    if (current.count <= this.config.loginAttemptsPerMinute) return true;

    const retryAfter = Math.ceil((current.windowStart + WINDOW_MS - now) / 1000);
    void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfter));
    throw new HttpException(`Too many sign-in attempts; try again in ${retryAfter} s`, HttpStatus.TOO_MANY_REQUESTS);
  }

  private forgetOldWindows(now: number) {
    if (this.attempts.size < 10_000) return;
    for (const [key, entry] of this.attempts) if (now - entry.windowStart >= WINDOW_MS) this.attempts.delete(key);
  }
}
