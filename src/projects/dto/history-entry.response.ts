import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../enrollment.entity.js';
import { TRANSITION_KINDS, type TransitionKind, type TransitionSource } from '../transition.entity.js';
import { NOT_SHOWN_TO_VIEWERS } from './not-shown-to-viewers.js';
import { nullableRef } from '../../openapi/nullable.js';
import { PersonResponse } from '../../users/dto/person.response.js';

const TRANSITION_SOURCES: TransitionSource[] = ['manual', 'system', 'import'];

/** One line of an enrollment's history: a move, a pause, an abandon, a reopening, or the entry. */
@ApiExtraModels(PersonResponse)
export class HistoryEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 42 })
  id: number;

  @ApiProperty({ example: 'parcours-coop' })
  programCode: string;

  @ApiProperty({
    enum: TRANSITION_KINDS,
    enumName: 'TransitionKind',
    example: 'move',
    description: 'enrol: entry into the first stage; move: to another stage; abandon, hold, reopen: status changes',
  })
  kind: TransitionKind;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'formation',
    description: 'The stage left, or the status left (on_hold, abandoned); null for the entry into the program',
  })
  from: string | null;

  @ApiProperty({
    example: 'formation-completee',
    description: 'The stage reached, or the status reached (on_hold, abandoned)',
  })
  to: string;

  @ApiProperty({ example: 'formation-completee', description: 'The stage the enrollment is at after this line' })
  stage: string;

  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus', example: 'active' })
  status: EnrollmentStatus;

  @ApiProperty({
    format: 'date-time',
    example: '2023-09-13T04:00:00.000Z',
    description: 'When it happened (a date sent alone is the start of that day in Montréal)',
  })
  occurredAt: Date;

  @ApiProperty({ format: 'date-time', example: '2023-09-14T13:12:45.000Z', description: 'When it was recorded' })
  recordedAt: Date;

  @ApiProperty(
    nullableRef(PersonResponse, 'Who recorded it; null when nobody did (the service, or a user since deleted)', {
      id: 3,
      name: 'Conseillère (démo)',
    }),
  )
  actor: PersonResponse | null;

  @ApiProperty({
    enum: TRANSITION_SOURCES,
    enumName: 'TransitionSource',
    example: 'manual',
    description:
      'manual: recorded by someone through the API; system: by the service itself; import: from a file of projects (POST /imports/projects), dated as the file dates it',
  })
  source: TransitionSource;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 5000,
    example: 'Première séance faite',
    description: `The note sent with the move; null without one. ${NOT_SHOWN_TO_VIEWERS}`,
  })
  note?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 500,
    example: 'Manque de financement (démo)',
    description: `Why it was abandoned or put on hold; null for other lines. ${NOT_SHOWN_TO_VIEWERS}`,
  })
  reason?: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    example: 154,
    description: 'Whole Montréal days spent in the stage or status this line left; null for the entry',
  })
  daysInStage: number | null;
}
