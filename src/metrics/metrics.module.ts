import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';
import { ScrapeTimeMetrics } from './scrape-time-metrics.js';

/** The Prometheus series of this process and GET /metrics; global, so the queue workers can time their jobs. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, ScrapeTimeMetrics],
  exports: [Metrics],
})
export class MetricsModule {}
