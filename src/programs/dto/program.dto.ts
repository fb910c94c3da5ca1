import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';
import { Omittable } from '../../common/validators.js';

export class UpdateProgramDto {
  @ApiPropertyOptional({
    example: [30, 90, 180],
    description: 'Days after a cohort ends when its active projects get a check-in; [] for none',
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
