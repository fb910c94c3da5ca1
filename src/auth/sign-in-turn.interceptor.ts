import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { finalize, from, switchMap, type Observable } from 'rxjs';
import { AddressTurns } from './sign-in-limits/address-turns.js';

/**
 * Runs a sign-in the rate limit let through when its address's turn comes (see AddressTurns), so
 * one address's attempts never take all the password hashing of the process.
 */
@Injectable()
export class SignInTurnInterceptor implements NestInterceptor {
  private readonly turns = new AddressTurns();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const turn = this.turns.take(request.ip);
    if (!turn) {
      void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', '1');
      const message = 'Too many sign-in attempts at once from this address; try again in 1 s';
      throw new HttpException(message, HttpStatus.TOO_MANY_REQUESTS);
    }
    return from(turn).pipe(switchMap((end) => next.handle().pipe(finalize(end))));
  }
}
