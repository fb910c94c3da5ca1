import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { MAX_JOBS } from '../../jobs/dto/job-count.dto.js';
import { PageQuery } from '../../common/pagination.js';
import {
  DATE_RANGE_TEXT,
  IsCalendarDate,
  IsPositiveId,
  MAX_INTEGER,
  Omittable,
  Trim,
} from '../../common/validators.js';

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

/** A record id as the validators take it: a whole number from 1 to 2147483647. */
const RECORD_ID = { type: 'integer', minimum: 1, maximum: MAX_INTEGER, example: 3 } as const;

export class CreateFollowUpDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-12-01',
    description: `The local date the task is due, ${DATE_RANGE_TEXT}`,
  })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: "Appeler l'équipe au sujet du prêt",
    description: 'What to do; trimmed',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({
    ...RECORD_ID,
    description:
      "Who does it: an active advisor, coordinator or admin (422 otherwise). The project's advisor when " +
      'omitted (422 when it has none); only coordinators and admins name someone else (403)',
  })
  @Omittable()
  @IsPositiveId()
  assigneeId?: number;
}

export class UpdateFollowUpDto {
  @ApiPropertyOptional({
    type: 'boolean',
    example: true,
    description: 'true marks it done now (a task already done keeps its first date); false reopens it',
  })
  @Omittable()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-12-08',
    description: `Reschedules it: the new local date it is due, ${DATE_RANGE_TEXT}`,
  })
  @Omittable()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 2000,
    example: "Appeler l'équipe au sujet du prêt et de la convention d'associés",
    description: 'Rewrites what to do; trimmed',
  })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    minLength: 1,
    maxLength: 5000,
    example: 'La caisse accepte le prêt ; signature en janvier',
    description: 'What came of it, trimmed; null erases it. Writing one is activity on the project',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  outcome?: string | null;

  @ApiPropertyOptional({
    ...RECORD_ID,
    description:
      'Hands it to an active advisor, coordinator or admin (422 otherwise); coordinators and admins only (403)',
  })
  @Omittable()
  @IsPositiveId()
  assigneeId?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_JOBS,
    example: 6,
    description:
      "Only when closing a check-in (`done: true`, 422 otherwise): how many people work in the team's co-op now, " +
      "as the team answered; recorded as a dated count of the project's workers (`GET /projects/:id/jobs`)",
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_JOBS)
  workers?: number;
}

export class ListFollowUpsQuery extends PageQuery {
  @ApiPropertyOptional({
    type: 'string',
    pattern: '^(me|none|[1-9]\\d{0,9})$',
    example: 'me',
    description:
      'me, none (unassigned), or a user id up to 2147483647. Advisors see only their own: me by default, ' +
      "403 for anyone else's; coordinators and admins see everyone's by default",
  })
  @Omittable()
  @IsAssignee()
  assignee?: string;

  @ApiPropertyOptional({
    enum: FOLLOW_UP_STATES,
    example: 'overdue',
    description:
      "On today's Montréal date: due (today), overdue (before today), upcoming (after today), done, or open " +
      '(not done: any of the first three). All when omitted',
  })
  @Omittable()
  @IsIn(FOLLOW_UP_STATES)
  state?: FollowUpState;

  @ApiPropertyOptional({ ...RECORD_ID, example: 1, description: "Only this project's tasks" })
  @Omittable()
  @Type(() => Number)
  @IsPositiveId()
  projectId?: number;
}
