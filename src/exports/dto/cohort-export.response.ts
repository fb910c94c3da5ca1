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

  @ApiProperty({ type: () => ExportedStageResponse, description: 'The current stage' })
  stage: ExportedStageResponse;

  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus', example: 'active' })
  status: EnrollmentStatus;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2023-10-02T13:00:00.000Z' })
  enrolledAt: Date;

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
