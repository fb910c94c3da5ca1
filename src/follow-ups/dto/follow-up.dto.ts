import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { IsCalendarDate, IsPositiveId, MAX_INTEGER, Omittable, Trim } from '../../common/validators.js';

export const FOLLOW_UP_STATES = ['due', 'overdue', 'upcoming', 'done', 'open'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** me, none, or a user id within the range of the column it is compared with. */
const IsAssignee = () =>
  ValidateBy({
    name: 'isAssignee',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        (/^(me|none)$/.test(value) || (/^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_INTEGER)),
      defaultMessage: () => `assignee must be me, none or a user id from 1 to ${MAX_INTEGER}`,
    },
  });

export class CreateFollowUpDto {
  @ApiProperty({ example: '2026-12-01', description: 'Local date the task is due' })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({ example: "Appeler l'équipe au sujet du prêt" })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({
    description: "The project's advisor when omitted; only coordinators and admins assign others",
  })
  @Omittable()
  @IsPositiveId()
  assigneeId?: number;
}

export class UpdateFollowUpDto {
  @ApiPropertyOptional({ description: 'true marks it done (now), false reopens it' })
  @Omittable()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ example: '2026-12-08', description: 'Reschedules it' })
  @Omittable()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'What came of it', nullable: true })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  outcome?: string | null;

  @ApiPropertyOptional({ description: 'Coordinators and admins only' })
  @Omittable()
  @IsPositiveId()
  assigneeId?: number;
}

export class ListFollowUpsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'me, none (unassigned), or a user id; advisors see only their own (default me)' })
  @Omittable()
  @IsAssignee()
  assignee?: string;

  @ApiPropertyOptional({
    enum: FOLLOW_UP_STATES,
    description: 'due: today; overdue: before today; upcoming: after today; done; open: not done. All when omitted',
  })
  @Omittable()
  @IsIn(FOLLOW_UP_STATES)
  state?: FollowUpState;

  @ApiPropertyOptional()
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  projectId?: number;
}
