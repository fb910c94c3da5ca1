import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_MODES, type DeliveryMode } from '../../cohorts/cohort.entity.js';
import type { Milestone } from '../../programs/stage.entity.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../../projects/enrollment.entity.js';
import { COOP_TYPES, PROJECT_KINDS, REGIONS, type CoopType, type ProjectKind } from '../../projects/project.entity.js';
import { CohortStatsResponse } from '../../figures/dto/cohort-stats.response.js';
import { REPORTING_YEAR_PATTERN } from '../../figures/dto/reporting-year.js';
import { SatisfactionResponse } from '../../satisfaction/dto/satisfaction.response.js';

const localDate = (example: string | null) => ({ type: 'string' as const, format: 'date', nullable: true, example });

/** The program's name in both languages of the service. */
export class ExportedProgramNameResponse {
  @ApiProperty({ example: 'Parcours COOP' })
  fr: string;

  @ApiProperty({ example: 'Parcours COOP (co-op start-up training)' })
  en: string;
}

/** The cohort, as `GET /cohorts/:id` answers it, with its program's name. */
export class ExportedCohortResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 })
  id: number;

  @ApiProperty({ example: 'parcours-coop' })
  programCode: string;

  @ApiProperty({ type: () => ExportedProgramNameResponse })
  programName: ExportedProgramNameResponse;

  @ApiProperty({ type: 'integer', minimum: 1, example: 20, description: 'The cohort number within its program' })
  number: number;

  @ApiProperty({ example: 'Automne 2023' })
  label: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2023-10-04' })
  startsOn: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2024-03-06' })
  endsOn: string;

  @ApiProperty({ enum: DELIVERY_MODES, enumName: 'DeliveryMode', example: 'remote' })
  deliveryMode: DeliveryMode;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, example: 12, description: 'null when not capped' })
  capacity: number | null;

  @ApiProperty({
    type: 'string',
    pattern: REPORTING_YEAR_PATTERN,
    nullable: true,
    example: '2023-2024',
    description: 'The reporting year it starts in; null for a start date no reporting year can be written for',
  })
  year: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9, description: 'Projects enrolled in it' })
  enrolledCount: number;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2023-09-01T13:00:00.000Z' })
  createdAt: Date;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2023-09-01T13:00:00.000Z' })
  updatedAt: Date;
}

/** Where a project stands in the cohort's program. */
export class ExportedStageResponse {
  @ApiProperty({ example: 'en-activite' })
  code: string;

  @ApiProperty({ example: 'En activité' })
  labelFr: string;

  @ApiProperty({ example: 'Operating' })
  labelEn: string;
}

/** A person of a project's team, for coordinators and admins who asked for them. */
export class ExportedContactResponse {
  @ApiProperty({ example: 'Marie Tremblay' })
  name: string;

  @ApiProperty({ format: 'email', example: 'marie@dimension-physio.example' })
  email: string;
}

/** One row of the cohort's projects table. */
export class ExportedProjectResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  id: number;

  @ApiProperty({ example: 'Dimension physio' })
  name: string;

  @ApiProperty({ example: 'physiothérapie' })
  sector: string;

  @ApiProperty({ enum: PROJECT_KINDS, enumName: 'ProjectKind', example: 'startup' })
  kind: ProjectKind;

  @ApiProperty({ enum: COOP_TYPES, enumName: 'CoopType', example: 'worker' })
  coopType: CoopType;

  @ApiProperty({ enum: REGIONS, enumName: 'Region', example: '16', description: 'Québec administrative region' })
  region: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'People on the team' })
  entrepreneurs: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'Conseillère (démo)',
    description: "The advisor's name; null when nobody is in charge",
  })
  advisor: string | null;

  @ApiProperty({
    type: 'string',
    format: 'email',
    nullable: true,
    example: 'conseillere@demo.coop.example',
    description: "The advisor's e-mail; null when nobody is in charge, and always null for viewers",
  })
  advisorEmail: string | null;

  @ApiProperty({ type: () => ExportedStageResponse, description: 'The current stage' })
  stage: ExportedStageResponse;

  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus', example: 'active' })
  status: EnrollmentStatus;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: null,
    description:
      'Why the enrollment was abandoned or put on hold; null when active, and always null for viewers, who read ' +
      'no free text',
  })
  statusReason: string | null;

  @ApiProperty({
    ...localDate(null),
    description: 'The Montréal date on which it was abandoned or put on hold (its last move); null when active',
  })
  statusOn: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2023-10-02T13:00:00.000Z' })
  enrolledAt: Date;

  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2023-10-02',
    description: 'The Montréal date of enrolledAt',
  })
  enrolledOn: string;

  @ApiProperty({
    type: 'object',
    description:
      'By stage code, one key per stage of the program: the Montréal date on which the project first reached the ' +
      'stage or a later one (the first stage is reached on enrolment); null when it has not',
    additionalProperties: localDate(null),
    example: {
      inscription: '2023-10-02',
      formation: '2023-10-04',
      'formation-completee': '2024-03-06',
      constitution: '2024-04-17',
      'en-activite': '2024-09-03',
    },
  })
  stageDates: Record<string, string | null>;

  @ApiProperty({
    type: 'object',
    description:
      'The Montréal date on which the project first reached each milestone of the program (its stage or a later ' +
      "one); null when it has not. One key per milestone the program's stages carry (Parcours COOP: " +
      '`training_completed`, `incorporated`, `operating`)',
    example: { training_completed: '2024-03-06', incorporated: '2024-04-17', operating: '2024-09-03' },
    properties: {
      met: localDate(null),
      engaged: localDate(null),
      training_completed: localDate('2024-03-06'),
      incorporated: localDate('2024-04-17'),
      operating: localDate('2024-09-03'),
    },
  })
  milestones: Partial<Record<Milestone, string | null>>;

  @ApiProperty({ type: 'integer', example: 425, description: 'Whole Montréal days from enrolment to the export' })
  daysInProgram: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2000000,
    description:
      'Cents granted to the project by its funding requests granted or paid (2000000 is 20,000.00 $); 0 when none. ' +
      'CSV and XLSX show it in dollars with two decimals',
  })
  financingGrantedCents: number;

  @ApiPropertyOptional({
    type: () => [ExportedContactResponse],
    description: 'Only with `includeContacts=true` (coordinators and admins): the people of the team',
  })
  contacts?: ExportedContactResponse[];
}

/** The JSON form of a cohort's export. */
export class CohortExportResponse {
  @ApiProperty({ type: () => ExportedCohortResponse })
  cohort: ExportedCohortResponse;

  @ApiProperty({ type: () => [ExportedProjectResponse], description: 'One per project enrolled, in enrolment order' })
  projects: ExportedProjectResponse[];

  @ApiProperty({
    type: () => CohortStatsResponse,
    description: 'Computed as the export started, as `GET /cohorts/:id/stats?fresh=true` answers them',
  })
  figures: CohortStatsResponse;

  @ApiProperty({ type: () => SatisfactionResponse })
  satisfaction: SatisfactionResponse;
}
