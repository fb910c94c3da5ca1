import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { DestinationStream } from 'pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { HttpErrorFilter, toErrorBody } from './common/http-error.filter.js';
import { registerHttpHygiene } from './common/http-hygiene.js';
import { registerFileUploads } from './imports/file-uploads.js';
import { installRequestBoundary } from './common/request-boundary.js';
import { buildValidationPipe } from './common/validation.js';
import { installHttpMetrics } from './metrics/http-metrics.js';
import { Metrics } from './metrics/metrics.js';
import { mountQueueDashboard } from './queue/queue-dashboard.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import type { AppConfig } from './config/app-config.js';
import { PinoNestLogger, pinoLevelOf } from './logging/nest-logger.js';
import { requestIdOf } from './logging/request-id.js';
import { installRequestLogging } from './logging/request-logging.js';
import { serveWebApp } from './web-app/web-app.js';
import { createRootLogger } from './logging/root-logger.js';

export interface CreateAppOptions {
  /**
   * Nest's levels to write (`['error']` keeps the tests quiet), `false` for none, or another
   * logger for Nest's lines; by default every line from `LOG_LEVEL` up.
   */
  logger?: LoggerService | LogLevel[] | false;
  /** Where the log lines go (JSON lines) instead of the standard output: the tests read them. */
  logStream?: DestinationStream;
  /** Hooks to add to Fastify before the routes are ready (the tests check every response with one). */
  beforeReady?: (fastify: FastifyInstance) => void;
}

/** Builds the HTTP application exactly as it runs, for main.ts and for the end-to-end tests. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const level = Array.isArray(options.logger)
    ? pinoLevelOf(options.logger)
    : options.logger === false
      ? 'silent'
      : config.logLevel;
  const rootLogger = createRootLogger({ nodeEnv: config.nodeEnv, level, stream: options.logStream });
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    // One access line per request, written by installRequestLogging, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: false,
    genReqId: requestIdOf,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // Errors Fastify's router raises before any route runs (a path that is not UTF-8, a parameter
    // over its length) take the same shape as every other error.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error);
      void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger:
      options.logger === undefined || Array.isArray(options.logger) || options.logger === false
        ? new PinoNestLogger(rootLogger)
        : options.logger,
    abortOnError: false,
  });
  // Before the routes exist, so that the boundary's hook runs for every one of them.
  installRequestLogging(app.getHttpAdapter().getInstance());
  installRequestBoundary(app.getHttpAdapter().getInstance());
  installHttpMetrics(app.getHttpAdapter().getInstance(), app.get(Metrics));
  await registerHttpHygiene(app, config);
  await registerFileUploads(app);
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  await mountQueueDashboard(app);
  await serveWebApp(app.getHttpAdapter().getInstance());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  options.beforeReady?.(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
