import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { logContext } from './log-context.js';

const PINO_LEVEL: Record<LogLevel, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** The pino level that lets through the lowest of Nest's levels (`['error']` gives `error`). */
export function pinoLevelOf(levels: LogLevel[]): Level | 'silent' {
  const order: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  const lowest = order.find((level) => levels.some((nest) => PINO_LEVEL[nest] === level));
  return lowest ?? 'silent';
}

/**
 * Nest's logger, written through the process's pino logger: `new Logger('Figures').warn(...)`
 * becomes a line with `context: "Figures"`, and with the request id (or the job) it was written for.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.pino.level = pinoLevelOf(levels);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const pinoLevel = PINO_LEVEL[level];
    if (!this.pino.isLevelEnabled(pinoLevel)) return;
    // Nest passes the logger's context last; `error` may pass a stack before it.
    const rest = [...params];
    const last = rest[rest.length - 1];
    const context = typeof last === 'string' && !last.includes('\n') ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = { ...logContext.current(), context };
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest.shift();
    if (message instanceof Error) {
      fields.err = message;
      this.pino[pinoLevel](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[pinoLevel]({ ...fields, ...message });
    } else {
      this.pino[pinoLevel](fields, String(message));
    }
  }
}
