import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ListCode, ListLabel } from '../../common/managed-list.properties.js';
import { IsPositiveId, MAX_INTEGER, Omittable } from '../../common/validators.js';

const POSITION = {
  type: 'integer' as const,
  minimum: 1,
  maximum: MAX_INTEGER,
  example: 1,
  description:
    'Where the source goes in the list, from 1 to one past the last (422 beyond); the sources from there ' +
    'move one down',
};

export class CreateFinancingSourceDto {
  @ListCode(40, 'fonds-regional')
  code: string;

  @ListLabel('fr', 'Fonds régional')
  labelFr: string;

  @ListLabel('en', 'Regional fund')
  labelEn: string;

  @ApiPropertyOptional({ ...POSITION, description: `${POSITION.description}. Last when omitted` })
  @Omittable()
  @IsPositiveId()
  position?: number;
}

/** The code is not here on purpose: requests refer to a source by it. */
export class UpdateFinancingSourceDto {
  @ListLabel('fr', 'Fonds régional', { optional: true })
  labelFr?: string;

  @ListLabel('en', 'Regional fund', { optional: true })
  labelEn?: string;

  @ApiPropertyOptional(POSITION)
  @Omittable()
  @IsPositiveId()
  position?: number;

  @ApiPropertyOptional({
    type: 'boolean',
    example: false,
    description:
      'false retires the source: the requests that used it keep it, new requests and changes of source ' +
      'may no longer name it (400); true brings it back',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
