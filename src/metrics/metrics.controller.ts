import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { metricsAccess } from './metrics-access.js';
import { Metrics } from './metrics.js';

/**
 * GET /metrics: text for Prometheus, not part of the api (left out of the OpenAPI document). It
 * takes no user's token: the JWT guard lets it through (`@Public()`), and it checks METRICS_TOKEN
 * itself.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const access = metricsAccess(this.config.metricsToken, authorization);
    if (access === 'not-configured') throw new NotFoundException('Cannot GET /metrics');
    if (access === 'refused') {
      void reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedException('Send Authorization: Bearer <METRICS_TOKEN>');
    }
    void reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
