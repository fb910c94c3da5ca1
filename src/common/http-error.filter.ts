import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorKind } from './domain-error.js';

/** The one shape every error takes on the wire. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

const STATUS_OF: Record<DomainErrorKind, number> = {
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// Codes of a unique violation: PostgreSQL's SQLSTATE and SQLite's extended result code.
const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_OF[exception.kind];
    return withDetails({ statusCode, error: REASON[statusCode], message: exception.message }, exception.details);
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = typeof response === 'string' ? response : body.message;
    return withDetails(
      {
        statusCode,
        error: REASON[statusCode] ?? (typeof body.error === 'string' ? body.error : 'Error'),
        message: Array.isArray(message)
          ? message.join('; ')
          : typeof message === 'string'
            ? message
            : exception.message,
      },
      body.details,
    );
  }
  if (exception instanceof QueryFailedError) {
    const code = String((exception as QueryFailedError & { code?: string }).code ?? '');
    // Services check uniqueness first; this catches the race where two requests pass that check together.
    if (UNIQUE_VIOLATIONS.has(code))
      return { statusCode: 409, error: REASON[409], message: 'This record already exists' };
  }
  // Anything else that carries a 4xx status (errors raised by Fastify or a plugin) keeps it.
  const withStatus = exception as { statusCode?: unknown; message?: unknown };
  if (typeof withStatus?.statusCode === 'number' && withStatus.statusCode >= 400 && withStatus.statusCode < 500) {
    const statusCode = withStatus.statusCode;
    return {
      statusCode,
      error: REASON[statusCode] ?? 'Error',
      message: typeof withStatus.message === 'string' ? withStatus.message : 'The request was refused',
    };
  }
  return { statusCode: 500, error: REASON[500], message: 'An unexpected error occurred; it has been logged' };
}

function withDetails(body: ErrorBody, details: unknown): ErrorBody {
  return details === undefined ? body : { ...body, details };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    // Only the unexpected is an error to log; a 503 says a dependency is away, which /health shows.
    if (body.statusCode === 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
