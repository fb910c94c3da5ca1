import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { nullableRef } from '../../openapi/nullable.js';
import { PersonResponse } from '../../users/dto/person.response.js';

/** Something written about a project ("the bank asked for a new forecast"). */
@ApiExtraModels(PersonResponse)
export class ProjectNoteResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 5 })
  id: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  projectId: number;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, example: 3, description: 'null once the author is gone' })
  authorId: number | null;

  @ApiProperty(
    nullableRef(PersonResponse, 'Who wrote it; null once the author is gone', { id: 3, name: 'Conseillère (démo)' }),
  )
  author: PersonResponse | null;

  @ApiProperty({ maxLength: 5000, example: 'La caisse demande des prévisions sur trois ans' })
  body: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T15:30:00.000Z' })
  createdAt: Date;
}
