import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';
import { Omittable } from '../../common/validators.js';

export class UpdateProgramDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 1095 },
    maxItems: 12,
    uniqueItems: true,
    example: [30, 90, 180],
    description:
      'Days after a cohort ends when its projects still active get a check-in, in any order (kept ascending); ' +
      '[] for none. A program without cohorts takes only []',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1095, { each: true })
  checkInOffsets?: number[];
}
