import { ApiProperty } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}

export class ReadyResponse {
  @ApiProperty({ enum: ['ready'], example: 'ready' })
  status: 'ready';
}

/** Not the error shape: an orchestrator reads the same `status` in both answers of the probe. */
export class UnreadyResponse {
  @ApiProperty({ enum: ['unready'], example: 'unready' })
  status: 'unready';

  @ApiProperty({
    example: 'migrations have not all run',
    description: 'What is missing: `migrations have not all run`, or `the database does not answer: <why>`',
  })
  reason: string;
}
