import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { FiguresHealthResponse, OutboxHealthResponse } from './figures-health.response.js';
import { HealthCheckFailedResponse } from './health-check-failed.response.js';

const UP_DOWN = ['up', 'down'] as const;
type UpDown = (typeof UP_DOWN)[number];
const UP_DOWN_PROPERTY = { enum: UP_DOWN, enumName: 'UpDown', example: 'up' } as const;

/** The section's own schema, or the error of its check when the check itself failed. */
const orCheckFailed = (section: Type<unknown>, description: string) => ({
  description,
  oneOf: [{ $ref: getSchemaPath(section) }, { $ref: getSchemaPath(HealthCheckFailedResponse) }],
});

export class DatabaseHealthResponse {
  @ApiProperty({ ...UP_DOWN_PROPERTY, description: '`down`: GET /health answers 503' })
  status: UpDown;

  @ApiProperty({ enum: ['better-sqlite3', 'postgres'], example: 'postgres', description: 'The TypeORM driver' })
  driver: string;

  @ApiPropertyOptional({ type: 'number', minimum: 0, example: 1.2, description: 'When up: the time `SELECT 1` took' })
  latencyMs?: number;

  @ApiPropertyOptional({ example: 'The database check took longer than 1000 ms', description: 'When down: why' })
  error?: string;
}

export class RedisHealthResponse {
  @ApiProperty({ ...UP_DOWN_PROPERTY, description: '`down`: the status is `degraded`' })
  status: UpDown;

  @ApiPropertyOptional({ type: 'number', minimum: 0, example: 0.4, description: 'When up: the time a PING took' })
  latencyMs?: number;

  @ApiPropertyOptional({ example: 'The Redis check took longer than 1000 ms', description: 'When down: why' })
  error?: string;
}

/** The jobs of one queue, by state. */
export class QueueCountsResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) waiting: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) active: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Kept for a look in /admin/queues' })
  failed: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Waiting for a retry or a later time' })
  delayed: number;
}

/** Each queue's counts, or the error of counting them. */
const queueProperty = (description: string) => orCheckFailed(QueueCountsResponse, description);

export class MailHealthResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'E-mails not sent yet' })
  pending: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'E-mails that failed for good: see GET /notifications?status=failed',
  })
  failed: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    example: null,
    description: 'How long the oldest pending e-mail has waited; null when none waits',
  })
  oldestPendingSeconds: number | null;
}

export class SignInLimitsHealthResponse {
  @ApiProperty({
    enum: ['redis', 'memory'],
    example: 'redis',
    description: "`redis`: shared by every api process; `memory`: this process's own count (see `reason`)",
  })
  store: 'redis' | 'memory';

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 10,
    description: 'Sign-in attempts an account may make a minute',
  })
  perAccountPerMinute: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 60,
    description: 'Sign-in attempts an address may make a minute',
  })
  perAddressPerMinute: number;

  @ApiPropertyOptional({
    example: 'Redis is not connected (reconnecting)',
    description: 'Only with `memory`: why the count is not in Redis',
  })
  reason?: string;
}

/** The whole state of the service, for people (orchestrators use the probes). */
export class HealthResponse {
  @ApiProperty({
    enum: ['ok', 'degraded', 'down'],
    enumName: 'HealthStatus',
    example: 'ok',
    description:
      '`down`: the database does not answer (503). `degraded`: Redis is away (moves are recorded, their figures ' +
      'wait in the outbox, sign-in limits are counted per process), or the figures of a scope failed for good',
  })
  status: 'ok' | 'degraded' | 'down';

  @ApiProperty({ type: () => DatabaseHealthResponse })
  database: DatabaseHealthResponse;

  @ApiProperty({ type: () => RedisHealthResponse })
  redis: RedisHealthResponse;

  @ApiProperty({
    type: 'object',
    nullable: true,
    description: "Each queue's jobs by state; null when Redis is down",
    properties: {
      figures: queueProperty('Recomputing stored figures'),
      schedules: queueProperty('Ticks of the daily schedules'),
      'follow-ups': queueProperty("Building the advisors' digests and the check-ins"),
      mail: queueProperty('Sending recorded e-mails'),
    },
    required: ['figures', 'schedules', 'follow-ups', 'mail'],
    // Always sent, null included: `required` above names the queues, this the property itself.
    selfRequired: true,
  })
  queues: Record<string, QueueCountsResponse | HealthCheckFailedResponse> | null;

  @ApiProperty(orCheckFailed(OutboxHealthResponse, 'Figure work recorded in the database and not done yet'))
  outbox: OutboxHealthResponse | HealthCheckFailedResponse;

  @ApiProperty(orCheckFailed(FiguresHealthResponse, 'Figure scopes whose recompute fails'))
  figures: FiguresHealthResponse | HealthCheckFailedResponse;

  @ApiProperty(orCheckFailed(MailHealthResponse, 'E-mail waiting to go out, and e-mail that failed for good'))
  mail: MailHealthResponse | HealthCheckFailedResponse;

  @ApiProperty({ type: () => SignInLimitsHealthResponse, description: 'Where this process counts sign-in attempts' })
  signInLimits: SignInLimitsHealthResponse;
}

/** The models only named in a `oneOf`, which the document must carry all the same. */
export const HEALTH_EXTRA_MODELS = [
  HealthCheckFailedResponse,
  QueueCountsResponse,
  OutboxHealthResponse,
  FiguresHealthResponse,
  MailHealthResponse,
];
