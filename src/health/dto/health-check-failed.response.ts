import { ApiProperty } from '@nestjs/swagger';

/** In place of a part of GET /health whose check itself failed (a query that timed out, say). */
export class HealthCheckFailedResponse {
  @ApiProperty({ example: 'Counting jobs took longer than 1000 ms', description: 'Why the check failed' })
  error: string;
}
