import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES, type Language } from '../../users/user.entity.js';

/** A person on a project's team. Personal information: never shown to viewers. */
export class ContactResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 7 })
  id: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  projectId: number;

  @ApiProperty({ maxLength: 200, example: 'Camille Roy' })
  name: string;

  @ApiProperty({ format: 'email', maxLength: 254, example: 'camille@example.org', description: 'Stored in lower case' })
  email: string;

  @ApiProperty({
    enum: LANGUAGES,
    enumName: 'Language',
    example: 'fr',
    description: 'The language of the e-mail the contact gets',
  })
  language: Language;

  @ApiProperty({
    type: 'string',
    maxLength: 500,
    nullable: true,
    example: 'Suivi du projet et relances après la cohorte',
    description: 'What the person agreed their information is used for (Law 25); null when not recorded',
  })
  consentPurpose: string | null;

  @ApiProperty({
    type: 'string',
    format: 'date',
    nullable: true,
    example: '2026-03-02',
    description: 'The local date the person gave that consent; null when not recorded',
  })
  consentOn: string | null;

  @ApiProperty({ format: 'date-time', example: '2023-03-20T14:02:11.000Z' })
  createdAt: Date;
}
