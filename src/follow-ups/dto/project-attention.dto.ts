import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, Trim } from '../../common/validators.js';

export class SnoozeDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2027-01-15',
    description: 'The local date the stale alert shows again: after today and within a year (422 otherwise)',
  })
  @IsCalendarDate()
  until: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    example: 'La banque répond en janvier',
    description: "Why the project may wait; trimmed. The project's `snoozeReason`, which viewers never see",
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class CreateNoteDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 5000,
    example: 'La caisse demande des prévisions sur trois ans',
    description: 'Trimmed',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;
}
