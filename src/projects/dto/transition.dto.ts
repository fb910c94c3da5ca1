import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../common/instant.validator.js';
import { MAX_JOBS } from '../../jobs/dto/job-count.dto.js';
import { IsPositiveId, Omittable, Trim } from '../../common/validators.js';
import { ID_SCHEMA, INSTANT_SCHEMA, INSTANT_TEXT } from './api-schemas.js';

/** Targets that are not stages: leaving the path, pausing, and coming back. */
export const STATUS_TARGETS = ['abandoned', 'on_hold', 'reopen'] as const;
const needsReason = (o: { to?: string }) => o.to === 'abandoned' || o.to === 'on_hold';

export class TransitionDto {
  @ApiProperty({
    maxLength: 60,
    example: 'formation',
    description:
      "A stage code of the enrollment's program; or `abandoned` or `on_hold` (both need `reason`), or `reopen` " +
      '(back to the stage where it was left)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  to: string;

  @ApiPropertyOptional({
    example: 'parcours-coop',
    description: 'The program whose enrollment moves; needed only when the project is enrolled in more than one',
  })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;

  @ApiPropertyOptional({
    maxLength: 5000,
    example: 'Première séance faite',
    description: 'Why, in a few words; needed to move back to an earlier stage. Viewers never read it',
  })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note?: string;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    example: '2024-05-01',
    description: `When it happened, if earlier than now (not before the enrollment's last move): ${INSTANT_TEXT}`,
  })
  @Omittable()
  @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    example: 'Financement refusé',
    description: 'Why the project leaves its path: required for `abandoned` and `on_hold`. Viewers never read it',
  })
  @ValidateIf((o: { to?: string; reason?: unknown }) => needsReason(o) || o.reason !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required to abandon or put on hold, and cannot be empty' })
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    ...ID_SCHEMA,
    example: 1,
    description:
      "The version of the enrollment this move expects (the enrollment's ETag or `version`, not the " +
      "project's); a stale one gets 409. Same as `If-Match`",
  })
  @Omittable()
  @IsPositiveId()
  expectedVersion?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_JOBS,
    example: 5,
    description:
      'Only with a move to the incorporated stage: the jobs the project has at incorporation, recorded as jobs ' +
      'created (a start-up) or maintained (a takeover), dated by the move (`GET /projects/:id/jobs`)',
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_JOBS)
  jobs?: number;
}

export class BulkMoveDto extends TransitionDto {
  @ApiProperty({ ...ID_SCHEMA, example: 1, description: 'The project to move' })
  @IsPositiveId()
  projectId: number;
}

export class BulkTransitionsDto {
  @ApiProperty({
    type: () => [BulkMoveDto],
    minItems: 1,
    maxItems: 1000,
    description: 'Applied in this order, all or nothing',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BulkMoveDto)
  moves: BulkMoveDto[];
}

export class HistoryQuery {
  @ApiPropertyOptional({ example: 'parcours-coop', description: 'Only the history of the enrollment in this program' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;
}
