import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../common/instant.validator.js';
import { IsPositiveId, Omittable, Trim } from '../../common/validators.js';

/** Targets that are not stages: leaving the path, pausing, and coming back. */
export const STATUS_TARGETS = ['abandoned', 'on_hold', 'reopen'] as const;
const needsReason = (o: { to?: string }) => o.to === 'abandoned' || o.to === 'on_hold';

export class TransitionDto {
  @ApiProperty({ example: 'formation', description: 'A stage code of the program, or abandoned, on_hold, reopen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  to: string;

  @ApiPropertyOptional({ description: 'Needed only when the project is enrolled in more than one program' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;

  @ApiPropertyOptional({ description: 'Needed to move back to an earlier stage' })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note?: string;

  @ApiPropertyOptional({ description: 'When it happened, if earlier than now', example: '2024-05-01' })
  @Omittable()
  @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'Required for abandoned and on_hold', example: 'Financement refusé' })
  @ValidateIf((o: { to?: string; reason?: unknown }) => needsReason(o) || o.reason !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required to abandon or put on hold, and cannot be empty' })
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'Same as If-Match: the version this move expects' })
  @Omittable()
  @IsPositiveId()
  expectedVersion?: number;
}

export class BulkMoveDto extends TransitionDto {
  @ApiProperty()
  @IsPositiveId()
  projectId: number;
}

export class BulkTransitionsDto {
  @ApiProperty({ type: [BulkMoveDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BulkMoveDto)
  moves: BulkMoveDto[];
}

export class HistoryQuery {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @IsNotEmpty()
  programCode?: string;
}
