import { ApiProperty } from '@nestjs/swagger';
import type { Language, Role } from '../user.entity.js';
import { LANGUAGE_PROPERTY, NAME_PROPERTY, ROLE_PROPERTY } from './user.properties.js';

/** An account: never its password, nor anything about it. */
export class UserResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  id: number;

  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'conseillere@demo.coop.example',
    description: 'In lower case; what the user signs in with',
  })
  email: string;

  @ApiProperty(NAME_PROPERTY)
  name: string;

  @ApiProperty(ROLE_PROPERTY)
  role: Role;

  @ApiProperty(LANGUAGE_PROPERTY)
  language: Language;

  @ApiProperty({ example: true, description: 'false: deactivated, signs in no more' })
  active: boolean;

  @ApiProperty({ format: 'date-time', example: '2023-03-20T14:02:11.000Z' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T09:30:00.000Z' })
  updatedAt: Date;
}
