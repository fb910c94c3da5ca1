import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
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
