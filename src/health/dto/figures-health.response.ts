import { ApiProperty } from '@nestjs/swagger';

/** Figure work recorded in the database and not done yet (the outbox of the figures queue). */
export class OutboxHealthResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Scopes whose figures wait for a recompute (those failed for good left out: see `figures`)',
  })
  pendingScopes: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Of those, the ones not handed to the queue yet (Redis away, or the relay behind)',
  })
  notHandedOver: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    example: null,
    description: 'How long the oldest not handed over has waited; null when none waits',
  })
  oldestNotHandedOverSeconds: number | null;
}

const FAILURE_STATUSES = ['failed', 'retrying'] as const;

/** A figure scope whose recompute fails. */
export class FigureFailureResponse {
  @ApiProperty({
    example: 'cohort:19',
    description: 'What the figures cover: `cohort:<id>`, `program-year:<code>:<year>` or `program:<code>`',
  })
  scope: string;

  @ApiProperty({
    enum: FAILURE_STATUSES,
    enumName: 'FigureFailureStatus',
    example: 'failed',
    description:
      '`failed`: no retry will come until the scope changes again (look at its data); `retrying`: a job will try again',
  })
  status: (typeof FAILURE_STATUSES)[number];

  @ApiProperty({ example: 'Cohort 19 has no stage to count', description: 'The error of the last attempt' })
  error: string;

  @ApiProperty({ format: 'date-time', example: '2024-05-01T11:00:00.000Z', description: 'Since when it fails' })
  failingSince: Date;

  @ApiProperty({ format: 'date-time', example: '2024-05-01T11:00:07.000Z' })
  lastFailedAt: Date;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Attempts that failed' })
  attempts: number;
}

/** The figure scopes whose recompute fails, oldest failure first. */
export class FiguresHealthResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Scopes failed for good: the status is `degraded`',
  })
  failedScopes: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Scopes a job will try again' })
  retryingScopes: number;

  @ApiProperty({
    type: () => [FigureFailureResponse],
    maxItems: 50,
    description: 'The 50 oldest failures; the counts say how many there are in all',
  })
  failures: FigureFailureResponse[];
}
