import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Omittable, Trim } from '../../common/validators.js';
import { LANGUAGES, ROLES, type Language, type Role } from '../user.entity.js';
import { LANGUAGE_PROPERTY, NAME_PROPERTY, PASSWORD_PROPERTY, ROLE_PROPERTY } from './user.properties.js';

const NAME_TRIMMED = 'Spaces around it are removed';

export class CreateUserDto {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'marie.tremblay@federation.example',
    description: 'Trimmed and stored in lower case; one account per address',
  })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty(PASSWORD_PROPERTY)
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ ...NAME_PROPERTY, example: 'Marie Tremblay', description: NAME_TRIMMED })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty(ROLE_PROPERTY)
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ ...LANGUAGE_PROPERTY, default: 'fr' })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ ...NAME_PROPERTY, description: NAME_TRIMMED })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ ...ROLE_PROPERTY, description: 'The last active admin cannot lose the role (422)' })
  @Omittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional(LANGUAGE_PROPERTY)
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ ...PASSWORD_PROPERTY, description: 'A new password: every token of the user stops working' })
  @Omittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'false deactivates the account: its tokens stop working at once (not for the last active admin: 422); ' +
      'true reactivates it',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

/** What users change on their own account (PATCH /users/me); role, e-mail and active stay with admins. */
export class UpdateOwnAccountDto {
  @ApiPropertyOptional({ ...NAME_PROPERTY, description: NAME_TRIMMED })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional(LANGUAGE_PROPERTY)
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    ...PASSWORD_PROPERTY,
    example: 'un-nouveau-mot-de-passe',
    description: 'The new password; needs currentPassword, and revokes every token of the account',
  })
  @Omittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'demo-coop-2024',
    description: 'The current password: required with password (400 without it, 422 when wrong)',
  })
  @ValidateIf((body: UpdateOwnAccountDto) => body.password !== undefined || body.currentPassword !== undefined)
  @IsString({ message: 'currentPassword is required to change the password, and must be a string' })
  @IsNotEmpty({ message: 'currentPassword is required to change the password' })
  @MaxLength(200)
  currentPassword?: string;
}
