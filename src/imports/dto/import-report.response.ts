import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import { ExportLogUserResponse } from '../../exports/dto/export-log.response.js';
import { nullableRef } from '../../openapi/nullable.js';

/** One thing wrong with the file, where a spreadsheet shows it. */
export class ImportProblemResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 9000, description: 'The row in the file; the header is row 1' })
  row: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: "Date d'inscription",
    description: "The column's header as the file writes it; null for a problem of the whole row",
  })
  column: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '2023-02-30',
    description: 'The cell as the file holds it, cut at 200 characters; null when no cell is at fault',
  })
  value: string | null;

  @ApiProperty({ example: 'is not a date that exists' })
  problem: string;
}

/** What a file without problems does, or would do, to the database. */
export class ImportReportResponse {
  @ApiProperty({ example: 'cohorte-20-parcours-coop.csv' })
  filename: string;

  @ApiProperty({ example: true, description: 'true: checked only, nothing written' })
  dryRun: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9, description: 'Rows of projects read' })
  rows: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  cohortsCreated: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Cohorts that exist and that rows name' })
  cohortsMatched: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9 })
  projectsCreated: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  projectsChanged: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Projects the file describes as they are' })
  projectsUnchanged: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9 })
  enrollmentsCreated: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 24,
    description: 'Moves after enrolment (to a stage, abandoned, on hold), each dated by the file',
  })
  movesCreated: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  contactsCreated: number;
}

/** Why a file was refused: every problem, by row. */
export class ImportProblemsResponse {
  @ApiProperty({ type: () => [ImportProblemResponse], description: 'Every problem, by row, at most 1,000' })
  problems: ImportProblemResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Problems past the 1,000 listed' })
  problemsNotListed: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9000, description: 'Rows of projects read' })
  rows: number;
}

/** A file refused: the error's usual shape, its details the problems. */
@ApiExtraModels(ImportProblemsResponse)
export class ImportRefusedResponse {
  @ApiProperty({ type: 'integer', example: 422 })
  statusCode: number;

  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;

  @ApiProperty({
    example: 'grand.csv: 1 problem(s), nothing was imported; each is listed with its row and column',
  })
  message: string;

  @ApiProperty({ type: () => ImportProblemsResponse })
  details: ImportProblemsResponse;
}

/** One file sent to the import. */
@ApiExtraModels(ExportLogUserResponse)
export class ImportLogEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  id: number;

  @ApiProperty(
    nullableRef(ExportLogUserResponse, 'Who sent it; null if that account cannot be found', {
      id: 2,
      name: 'Coordination (démo)',
      email: 'coordination@demo.coop.example',
    }),
  )
  user: ExportLogUserResponse | null;

  @ApiProperty({ example: 'cohorte-20-parcours-coop.csv' })
  filename: string;

  @ApiProperty({ example: false })
  dryRun: boolean;

  @ApiProperty({ example: true, description: 'false: the file had problems and nothing was written' })
  accepted: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9 })
  rows: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  problems: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'Created, or to be created by a dry run; 0 when refused',
  })
  cohortsCreated: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9 })
  projectsCreated: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  projectsChanged: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 24 })
  movesCreated: number;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2024-04-02T13:45:00.000Z' })
  createdAt: Date;
}

/** One page of the import log, newest first. */
export class ImportLogPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [ImportLogEntryResponse] })
  items: ImportLogEntryResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Files logged, on every page' })
  total: number;
}
