import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'conseillere@demo.coop.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 200, example: 'demo-coop-2024' })
  @IsString()
  @MaxLength(200)
  password: string;
}
