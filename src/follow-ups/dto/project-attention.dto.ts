import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, Trim } from '../../common/validators.js';

export class SnoozeDto {
  @ApiProperty({
    example: '2027-01-15',
    description: 'Local date the stale alert shows again; after today, within a year',
  })
  @IsCalendarDate()
  until: string;

  @ApiProperty({ example: 'La banque répond en janvier' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class CreateNoteDto {
  @ApiProperty({ example: 'La caisse demande des prévisions sur trois ans' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;
}
