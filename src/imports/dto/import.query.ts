import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Omittable } from '../../common/validators.js';
import { PageQuery } from '../../common/pagination.js';

export class ImportQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'true',
    description: 'true (the default): check the file and answer what it would do, writing nothing; false: apply it',
  })
  @Omittable()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

export class ImportLogQuery extends PageQuery {}
