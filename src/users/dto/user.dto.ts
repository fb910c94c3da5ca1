import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Omittable, Trim } from '../../common/validators.js';
import { LANGUAGES, ROLES, type Language, type Role } from '../user.entity.js';

export class CreateUserDto {
  @ApiProperty({ example: 'marie.tremblay@federation.example' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Marie Tremblay' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fr' })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Omittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ minLength: 10 })
  @Omittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'false deactivates the account: its tokens stop working at once' })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

/** What users change on their own account (PATCH /users/me); role, e-mail and active stay with admins. */
export class UpdateOwnAccountDto {
  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ minLength: 10, description: 'The new password; needs currentPassword' })
  @Omittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'The current password, required with password' })
  @ValidateIf((body: UpdateOwnAccountDto) => body.password !== undefined || body.currentPassword !== undefined)
  @IsString({ message: 'currentPassword is required to change the password, and must be a string' })
  @IsNotEmpty({ message: 'currentPassword is required to change the password' })
  @MaxLength(200)
  currentPassword?: string;
}

/** PATCH /users/me answers the account, and a fresh token when the password changed. */
export class OwnAccountDto {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({ description: 'Only when the password changed: every other token was revoked' })
  accessToken?: string;
  @ApiPropertyOptional({ example: 'Bearer' }) tokenType?: string;
  @ApiPropertyOptional({ example: '12h' }) expiresIn?: string;
}
