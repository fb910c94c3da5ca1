import { ApiProperty } from '@nestjs/swagger';

/** Someone, in short: the user's id and name, as answers about projects and tasks show them. */
export class PersonResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  id: number;

  @ApiProperty({ example: 'Conseillère (démo)' })
  name: string;
}
