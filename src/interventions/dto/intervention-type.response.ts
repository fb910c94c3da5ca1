import { ApiProperty } from '@nestjs/swagger';
import { INTERVENTION_TARGETS, type InterventionTarget } from '../intervention-family.entity.js';

/** A kind of work advisors record time for. */
export class InterventionTypeResponse {
  @ApiProperty({
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    example: 'analyse-financiere',
    description: 'Stable: time entries refer to the type by it',
  })
  code!: string;

  @ApiProperty({ example: 'finances', description: 'The family it belongs to' })
  familyCode!: string;

  @ApiProperty({ example: 'Analyse financière', description: 'The label French readers see' })
  labelFr!: string;

  @ApiProperty({ example: 'Financial analysis', description: 'The label English readers see' })
  labelEn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Place within its family, 1 to n' })
  position!: number;

  @ApiProperty({
    type: 'boolean',
    example: true,
    description: 'false: retired, kept on past entries and refused on new ones',
  })
  active!: boolean;
}

/** A family of intervention types, as the annual report groups them, with its types in order. */
export class InterventionFamilyResponse {
  @ApiProperty({ example: 'finances', description: 'Stable: reports group hours by it' })
  code!: string;

  @ApiProperty({ example: 'Finances', description: 'The label French readers see' })
  labelFr!: string;

  @ApiProperty({ example: 'Finance', description: 'The label English readers see' })
  labelEn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2, description: 'Place in the list, 1 to n' })
  position!: number;

  @ApiProperty({
    enum: INTERVENTION_TARGETS,
    enumName: 'InterventionTarget',
    example: 'organization',
    description: 'What its types are recorded for: `organization` (advisory services to a co-op) or `project`',
  })
  serves!: InterventionTarget;

  @ApiProperty({ type: () => [InterventionTypeResponse], description: 'Its types in order, retired ones included' })
  types!: InterventionTypeResponse[];
}
