import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { HttpErrorFilter, toErrorBody } from './common/http-error.filter.js';
import { registerHttpHygiene } from './common/http-hygiene.js';
import { installRequestBoundary } from './common/request-boundary.js';
import { buildValidationPipe } from './common/validation.js';
import { installHttpMetrics } from './metrics/http-metrics.js';
import { Metrics } from './metrics/metrics.js';
import { mountQueueDashboard } from './queue/queue-dashboard.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import type { AppConfig } from './config/app-config.js';

export interface CreateAppOptions {
  logger?: LoggerService | LogLevel[] | false;
  /** Hooks to add to Fastify before the routes are ready (the tests check every response with one). */
  beforeReady?: (fastify: FastifyInstance) => void;
}

/** Builds the HTTP application exactly as it runs, for main.ts and for the end-to-end tests. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
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
    logger: options.logger ?? ['log', 'warn', 'error'],
    abortOnError: false,
  });
  // Before the routes exist, so that the boundary's hook runs for every one of them.
  installRequestBoundary(app.getHttpAdapter().getInstance());
  installHttpMetrics(app.getHttpAdapter().getInstance(), app.get(Metrics));
  await registerHttpHygiene(app, config);
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  await mountQueueDashboard(app);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  options.beforeReady?.(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
