import { ApiProperty } from '@nestjs/swagger';
import type { Milestone } from '../stage.entity.js';
import { NULLABLE_MILESTONE_PROPERTY } from './milestone.property.js';

/** A stage of a program's pipeline. */
export class StageResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: 'The stage row; paths and moves name a stage by its code instead',
  })
  id!: number;

  @ApiProperty({ example: 'demarrage', description: 'The program the stage belongs to' })
  programCode!: string;

  @ApiProperty({
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    example: 'accompagnement',
    description: 'Stable: history and enrollments refer to the stage by it, so it never changes',
  })
  code!: string;

  @ApiProperty({ example: 'Accompagnement formel', description: 'The label French readers see' })
  labelFr!: string;

  @ApiProperty({ example: 'Formal accompaniment', description: 'The label English readers see' })
  labelEn!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 2,
    description: "Place in the pipeline: the program's stages are numbered 1 to n",
  })
  position!: number;

  @ApiProperty({ ...NULLABLE_MILESTONE_PROPERTY, example: 'engaged' })
  milestone!: Milestone | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 3650,
    nullable: true,
    example: 90,
    description:
      'Days an active project may sit in this stage with no activity before it is flagged to its advisor; ' +
      'null: never flagged',
  })
  staleAfterDays!: number | null;
}
