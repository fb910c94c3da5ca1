import { ApiProperty } from '@nestjs/swagger';
import { EnrollmentResponse } from './enrollment.response.js';
import { HistoryEntryResponse } from './history-entry.response.js';

/** A move recorded: its line of history and the enrollment as it leaves it (with its new version). */
export class MoveResponse {
  @ApiProperty({ type: () => HistoryEntryResponse })
  transition: HistoryEntryResponse;

  @ApiProperty({ type: () => EnrollmentResponse })
  enrollment: EnrollmentResponse;
}

/** Every move of a bulk, in the order sent. */
export class BulkMovesResponse {
  @ApiProperty({ type: () => [MoveResponse] })
  moves: MoveResponse[];
}
