import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { NodeEnv } from '../config/app-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * What a log line may never show, should a header or a body ever be logged: passwords, tokens,
 * the `Authorization` header and cookies.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  'currentPassword',
  'token',
  'accessToken',
  '*.password',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
];

export interface RootLoggerOptions {
  nodeEnv: NodeEnv;
  level: Level | 'silent';
  /** Where lines go instead of the standard output (JSON lines whatever the environment): the tests read them. */
  stream?: DestinationStream;
}

/**
 * The one pino logger of the process: Fastify's and Nest's lines go through it. JSON lines in
 * production (and to a given stream); readable lines elsewhere.
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  const destination =
    options.stream ??
    (options.nodeEnv === 'production'
      ? pino.destination({ dest: 1, sync: false })
      : pretty({
          sync: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,context',
          messageFormat: '{if context}[{context}] {end}{msg}',
          singleLine: true,
        }));
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        // Fastify's own lines about a request show its route template, never the raw URL (a
        // `?token=` in it would be written out).
        req: (request: { method?: string; routeOptions?: { url?: string } }) => ({
          method: request.method,
          route: request.routeOptions?.url,
        }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
