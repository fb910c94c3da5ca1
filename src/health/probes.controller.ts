import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { messageOf } from '../common/error-message.js';
import { withTimeout } from '../queue/redis-connection.js';
import { LivenessResponse, ReadyResponse, UnreadyResponse } from './dto/probe.response.js';

const CHECK_TIMEOUT_MS = 1_000;

/**
 * Probes for an orchestrator, apart from GET /health, which is for people: liveness says the
 * process answers (restart it if not); readiness says it can serve requests (send it traffic).
 */
@ApiTags('health')
@Controller('health')
export class ProbesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get('live')
  @ApiOperation({
    summary: 'Liveness: the process answers',
    description: 'For an orchestrator: restart the process when it does not answer. A worker answers it too.',
  })
  @ApiOkResponse({ type: LivenessResponse, description: 'The process answers' })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  /**
   * Ready when the database answers and every migration has run. Redis is left out on purpose:
   * without it moves are still recorded and the figures catch up later, so the api is degraded
   * (GET /health says so), not unable to serve.
   */
  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers and is migrated',
    description:
      'For an orchestrator: send traffic while ready. Redis away leaves the api ready (GET /health says degraded).',
  })
  @ApiOkResponse({ type: ReadyResponse, description: 'Ready: send it traffic' })
  @ApiServiceUnavailableResponse({
    type: UnreadyResponse,
    description: 'Not ready: the database does not answer, or a migration has not run. Not the error shape',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyResponse | UnreadyResponse> {
    try {
      const pending = await withTimeout(
        this.dataSource.query('SELECT 1').then(() => this.dataSource.showMigrations()),
        CHECK_TIMEOUT_MS,
        'the database check',
      );
      if (!pending) return { status: 'ready' };
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unready', reason: 'migrations have not all run' };
    } catch (error) {
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unready', reason: `the database does not answer: ${messageOf(error)}` };
    }
  }
}
