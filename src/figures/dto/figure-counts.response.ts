import { ApiProperty } from '@nestjs/swagger';
import type { FigureCounts } from '../figures.types.js';

const milestoneCount = (milestone: string, example: number | null) => ({
  type: 'integer' as const,
  minimum: 0,
  nullable: true,
  example,
  description:
    `Registered projects that have reached the \`${milestone}\` milestone (its stage or a later one in their ` +
    'history, whenever that happened); null when the program has no stage with that milestone',
});

/**
 * The counts of one group of enrollments (`FigureCounts`), a cohort or a program's year, as a base
 * for their classes, with examples of the group: the base is no schema of its own.
 */
export function FigureCountsResponse(example: FigureCounts) {
  abstract class Counts {
    @ApiProperty({
      type: 'integer',
      minimum: 0,
      example: example.registered,
      description: 'Projects enrolled, including those that later left (abandoned or on hold)',
    })
    registered!: number;

    @ApiProperty(milestoneCount('training_completed', example.completed))
    completed!: number | null;

    @ApiProperty(milestoneCount('incorporated', example.incorporated))
    incorporated!: number | null;

    @ApiProperty(milestoneCount('operating', example.operating))
    operating!: number | null;

    @ApiProperty({
      type: 'integer',
      minimum: 0,
      example: example.abandoned,
      description: 'Registered projects abandoned now',
    })
    abandoned!: number;

    @ApiProperty({
      type: 'integer',
      minimum: 0,
      example: example.onHold,
      description: 'Registered projects on hold now',
    })
    onHold!: number;

    @ApiProperty({
      type: 'integer',
      minimum: 0,
      example: example.entrepreneurs,
      description: 'Entrepreneurs in the registered projects: the sum of their team sizes',
    })
    entrepreneurs!: number;
  }
  return Counts;
}
