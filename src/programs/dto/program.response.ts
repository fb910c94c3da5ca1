import { ApiProperty } from '@nestjs/swagger';
import { StageResponse } from './stage.response.js';

/** One of the four programs, with its pipeline. */
export class ProgramResponse {
  @ApiProperty({
    example: 'parcours-coop',
    description: 'Stable: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop`',
  })
  code!: string;

  @ApiProperty({ example: 'Parcours COOP' })
  nameFr!: string;

  @ApiProperty({ example: 'Parcours COOP (co-op start-up training)' })
  nameEn!: string;

  @ApiProperty({
    example: true,
    description:
      'true for a cohort program (Parcours): projects enrol in numbered cohorts and figures count per ' +
      'cohort; false for an accompaniment, counted per reporting year',
  })
  usesCohorts!: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Order of the programs in lists' })
  position!: number;

  @ApiProperty({
    type: 'integer',
    isArray: true,
    minimum: 1,
    maximum: 1095,
    example: [30, 90, 180],
    description:
      'Days after a cohort ends when its projects still active get a check-in, ascending; [] for none ' +
      '(always [] for a program without cohorts)',
  })
  checkInOffsets!: number[];

  @ApiProperty({ type: () => [StageResponse], description: 'The pipeline, in order' })
  stages!: StageResponse[];
}
