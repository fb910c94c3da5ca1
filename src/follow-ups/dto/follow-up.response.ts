import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../follow-up.entity.js';
import type { FollowUpView } from '../follow-up-views.js';
import { nullableRef } from '../../openapi/nullable.js';
import { PersonResponse } from '../../users/dto/person.response.js';

/** The states a task can be in on a given day; `open` is only a filter (due, overdue or upcoming). */
export const FOLLOW_UP_TASK_STATES = ['due', 'overdue', 'upcoming', 'done'] as const;

/** The project a task is about, in short. */
export class FollowUpProjectResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  id: number;

  @ApiProperty({ example: "L'Alouette" })
  name: string;
}

/**
 * A dated task on a project for an advisor: written by staff (`task`), or made by the check-in job
 * after a cohort ends (`check_in`). Viewers never read tasks, so every field is always sent.
 */
@ApiExtraModels(PersonResponse)
export class FollowUpResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  id: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  projectId: number;

  @ApiProperty({ type: () => FollowUpProjectResponse })
  project: FollowUpProjectResponse;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 3,
    description: 'Who does it; null for a check-in made for a project without an advisor',
  })
  assigneeId: number | null;

  @ApiProperty(
    nullableRef(PersonResponse, 'The assignee, in short; null when nobody is assigned', {
      id: 3,
      name: 'Conseillère (démo)',
    }),
  )
  assignee: PersonResponse | null;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-01', description: 'The local date it is due' })
  dueOn: string;

  @ApiProperty({ example: "Relancer l'équipe au sujet du montage financier (réponse de la caisse attendue)" })
  note: string;

  @ApiProperty({
    enum: FOLLOW_UP_KINDS,
    enumName: 'FollowUpKind',
    example: 'task',
    description: "task: written by staff; check_in: made by the check-in job, to hear a team's news after its cohort",
  })
  kind: FollowUpKind;

  @ApiProperty({
    enum: FOLLOW_UP_TASK_STATES,
    enumName: 'FollowUpState',
    example: 'due',
    description:
      "Where it stands on today's Montréal date: done; otherwise overdue (due before today), due (today) or upcoming",
  })
  state: FollowUpView['state'];

  @ApiProperty({
    type: 'string',
    nullable: true,
    pattern: '^check-in:\\d+:\\d+$',
    example: null,
    description:
      'For a check-in, `check-in:<project id>:<days after the cohort ended>`, which makes it happen once; null for a task',
  })
  sourceKey: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 2,
    description: 'Who wrote it; null for a check-in',
  })
  createdById: number | null;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T15:30:00.000Z',
    description: 'When it was marked done; null while open',
  })
  doneAt: Date | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 3,
    description: 'Who marked it done; null while open',
  })
  doneById: number | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'La caisse accepte le prêt ; signature en janvier',
    description: 'What came of it; null until someone writes it',
  })
  outcome: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-23T14:05:00.000Z' })
  createdAt: Date;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-12-01T15:30:00.000Z' })
  updatedAt: Date;
}

/** One page of tasks, by due date then id. */
export class FollowUpPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [FollowUpResponse] })
  items: FollowUpResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Tasks matching the filters, on every page' })
  total: number;
}
