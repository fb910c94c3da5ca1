import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when every dependency answers, 503 otherwise, with what each one said. */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.checkDatabase();
    const healthy = database.status === 'up';
    void reply.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'degraded', database };
  }

  private async checkDatabase() {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', driver: this.dataSource.options.type, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      return { status: 'down', driver: this.dataSource.options.type, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
