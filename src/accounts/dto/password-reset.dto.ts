import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class CompletePasswordResetDto {
  @ApiProperty({ description: 'The token of the e-mail the user received' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}

export class StartedPasswordResetDto {
  @ApiProperty() userId: number;
  @ApiProperty({ description: 'The link stops working then' }) expiresAt: Date;
  @ApiProperty({ description: 'The e-mail in GET /notifications (its body is never shown)' })
  notificationId: number;
}
