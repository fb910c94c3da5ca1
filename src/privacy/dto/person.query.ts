import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { Trim } from '../../common/validators.js';

/** The person a request is about, named by their e-mail (in any case). */
export class PersonQuery {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'camille@example.org', description: 'In any case' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** The person to erase, named by their e-mail (in any case). */
export class ErasePersonDto extends PersonQuery {}
