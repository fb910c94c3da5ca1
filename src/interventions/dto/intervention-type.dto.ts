import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ListCode, ListLabel } from '../../common/managed-list.properties.js';
import { IsPositiveId, MAX_INTEGER, Omittable } from '../../common/validators.js';

const POSITION = {
  type: 'integer' as const,
  minimum: 1,
  maximum: MAX_INTEGER,
  example: 1,
  description:
    'Place within its family, from 1 to one past the last type (422 beyond); the types from there move one down',
};

export class CreateInterventionTypeDto {
  @ListCode(60, 'gouvernance')
  code: string;

  @ApiProperty({
    maxLength: 60,
    example: 'gestion-collective',
    description: 'The family it belongs to (422 when there is none by that code)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  familyCode: string;

  @ListLabel('fr', 'Gouvernance')
  labelFr: string;

  @ListLabel('en', 'Governance')
  labelEn: string;

  @ApiPropertyOptional({ ...POSITION, description: `${POSITION.description}. Last when omitted` })
  @Omittable()
  @IsPositiveId()
  position?: number;
}

/** Code and family are not here on purpose: entries refer to the type by its code, and reports by family. */
export class UpdateInterventionTypeDto {
  @ListLabel('fr', 'Gouvernance', { optional: true })
  labelFr?: string;

  @ListLabel('en', 'Governance', { optional: true })
  labelEn?: string;

  @ApiPropertyOptional({ ...POSITION, description: 'Moves it within its family (422 past the last type)' })
  @Omittable()
  @IsPositiveId()
  position?: number;

  @ApiPropertyOptional({
    type: 'boolean',
    example: false,
    description: 'false retires it: past entries keep it, new entries are refused with it; true brings it back',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
