import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import { nullableRef } from '../../openapi/nullable.js';
import { NOT_SHOWN_TO_VIEWERS } from '../../projects/dto/not-shown-to-viewers.js';
import { PersonResponse } from '../../users/dto/person.response.js';
import { INTERVENTION_TARGETS, type InterventionTarget } from '../../interventions/intervention-family.entity.js';

/** A project or a co-op, in short. */
export class TimeEntryTargetResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  id: number;

  @ApiProperty({ example: "L'Alouette" })
  name: string;
}

/** The family of an entry's type, in short. */
export class TimeEntryFamilyResponse {
  @ApiProperty({ example: 'demarrage-transfert' })
  code: string;

  @ApiProperty({ example: 'Accompagnement au démarrage et au transfert' })
  labelFr: string;

  @ApiProperty({ example: 'Start-up and transfer accompaniment' })
  labelEn: string;

  @ApiProperty({ enum: INTERVENTION_TARGETS, enumName: 'InterventionTarget', example: 'project' })
  serves: InterventionTarget;
}

/** The intervention type of an entry, with its labels. */
export class TimeEntryTypeResponse {
  @ApiProperty({ example: 'premieres-rencontres' })
  code: string;

  @ApiProperty({ example: 'Premières rencontres' })
  labelFr: string;

  @ApiProperty({ example: 'First meetings' })
  labelEn: string;

  @ApiProperty({ type: 'boolean', example: true, description: 'false: retired since the entry was recorded' })
  active: boolean;

  @ApiProperty({ type: () => TimeEntryFamilyResponse })
  family: TimeEntryFamilyResponse;
}

/** Hours an advisor spent on one date for one project or one co-op. */
@ApiExtraModels(TimeEntryTargetResponse)
export class TimeEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 42 })
  id: number;

  @ApiProperty({ type: () => PersonResponse, description: 'Whose time it is' })
  advisor: PersonResponse;

  @ApiProperty(
    nullableRef(TimeEntryTargetResponse, 'The project worked for; null for a co-op', { id: 1, name: "L'Alouette" }),
  )
  project: TimeEntryTargetResponse | null;

  @ApiProperty(nullableRef(TimeEntryTargetResponse, 'The co-op served; null for a project', null))
  organization: TimeEntryTargetResponse | null;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-11-30', description: 'The local date of the work' })
  workedOn: string;

  @ApiProperty({ type: 'number', minimum: 0.25, maximum: 24, multipleOf: 0.25, example: 1.25 })
  hours: number;

  @ApiProperty({ type: () => TimeEntryTypeResponse })
  interventionType: TimeEntryTypeResponse;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 2000,
    example: 'Rencontre avec le CA sur le plan de relève',
    description: `What was done. ${NOT_SHOWN_TO_VIEWERS}`,
  })
  note?: string | null;

  @ApiProperty({ type: 'boolean', example: false, description: 'A demo stand-in, not a real entry' })
  demo: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T20:14:03.000Z' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T20:14:03.000Z' })
  updatedAt: Date;
}

export class TimeEntryPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [TimeEntryResponse] })
  items: TimeEntryResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Entries the filters match, on every page' })
  total: number;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    multipleOf: 0.25,
    example: 1.25,
    description: "Hours of every entry the filters match, not only this page's: a project's or a co-op's total",
  })
  totalHours: number;
}
