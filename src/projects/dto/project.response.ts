import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COOP_TYPES, PROJECT_KINDS, REGIONS, type CoopType, type ProjectKind } from '../project.entity.js';
import { ContactResponse } from './contact.response.js';
import { EnrollmentResponse } from './enrollment.response.js';
import { NOT_SHOWN_TO_VIEWERS } from './not-shown-to-viewers.js';
import { nullableRef } from '../../openapi/nullable.js';
import { PersonResponse } from '../../users/dto/person.response.js';
import { ProjectFinancingResponse } from '../../financing/dto/project-financing.response.js';

/** A project, its enrollments and, in the answers about it alone and for staff, its contacts. */
@ApiExtraModels(PersonResponse)
export class ProjectResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  id: number;

  @ApiProperty({ maxLength: 200, example: "L'Alouette" })
  name: string;

  @ApiProperty({ maxLength: 200, example: 'traduction' })
  sector: string;

  @ApiProperty({
    enum: PROJECT_KINDS,
    enumName: 'ProjectKind',
    example: 'startup',
    description: 'A start-up or a takeover',
  })
  kind: ProjectKind;

  @ApiProperty({
    enum: COOP_TYPES,
    enumName: 'CoopType',
    example: 'worker',
    description: 'worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité',
  })
  coopType: CoopType;

  @ApiProperty({
    enum: REGIONS,
    enumName: 'Region',
    example: '06',
    description: 'Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)',
  })
  region: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, example: 3, description: 'People starting the co-op' })
  entrepreneurCount: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 3,
    description: 'null when nobody is in charge',
  })
  advisorId: number | null;

  @ApiProperty(
    nullableRef(PersonResponse, 'The advisor in charge; null when nobody is', { id: 3, name: 'Conseillère (démo)' }),
  )
  advisor: PersonResponse | null;

  @ApiProperty({ example: false, description: 'A demo stand-in for a project the annual report counts without naming' })
  fictitious: boolean;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 2,
    description:
      "The project's version, bumped by every change of its fields (`PATCH /projects/:id`): the ETag of " +
      '`GET /projects/:id` and what `If-Match` on `PATCH /projects/:id` expects. Moves do not change it: ' +
      'each enrollment has its own `version`',
  })
  version: number;

  @ApiProperty({
    format: 'date-time',
    example: '2024-01-15T05:00:00.000Z',
    description: 'The last move, task or note about the project: what "stale" is measured from',
  })
  lastActivityAt: Date;

  @ApiProperty({
    type: 'string',
    format: 'date',
    nullable: true,
    example: '2027-01-15',
    description: 'The stale alert is snoozed until this local date; null when not snoozed',
  })
  snoozedUntil: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 500,
    example: 'La banque répond en janvier',
    description: `Why the alert is snoozed; null when not snoozed. ${NOT_SHOWN_TO_VIEWERS}`,
  })
  snoozeReason?: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, example: 3, description: 'Who snoozed the alert' })
  snoozedById: number | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: '2026-11-23T15:30:00.000Z' })
  snoozedAt: Date | null;

  @ApiProperty({ format: 'date-time', example: '2023-03-20T14:02:11.000Z' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time', example: '2023-03-20T14:02:11.000Z' })
  updatedAt: Date;

  @ApiPropertyOptional({
    type: () => [ContactResponse],
    description:
      'The team, oldest first. Only in the answers about this one project (not in lists), and never to ' +
      'viewers (personal information).',
  })
  contacts?: ContactResponse[];

  @ApiProperty({ type: () => [EnrollmentResponse], description: 'One per program, oldest first' })
  enrollments: EnrollmentResponse[];

  @ApiProperty({
    type: () => ProjectFinancingResponse,
    description: "The totals of its financial set-up's funding requests (`GET /projects/:id/funding-requests`)",
  })
  financing: ProjectFinancingResponse;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    multipleOf: 0.25,
    example: 12.5,
    description: 'The hours recorded for it, every date counted (`GET /time-entries?projectId=` lists them)',
  })
  hours: number;
}
