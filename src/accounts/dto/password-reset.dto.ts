import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class CompletePasswordResetDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'q8Zt3pK0vYw1sXb6N2mLr5Hc9Ue4Ja7Df0Gi3Bo8Wx4',
    description: 'The token of the link in the e-mail the user received',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'un-nouveau-mot-de-passe', description: 'The new password' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}
