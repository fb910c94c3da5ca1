import { ApiProperty } from '@nestjs/swagger';

/** A signed-in session: the token to send on every request, and how long it works. */
export class AccessTokenResponse {
  @ApiProperty({
    description: 'A JWT: send it as `Authorization: Bearer <accessToken>`',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjMsInJvbGUiOiJhZHZpc29yIn0.c2lnbmF0dXJl',
  })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({
    pattern: '^\\d+[smhd]$',
    example: '12h',
    description: 'How long the token works from now (JWT_EXPIRES_IN): seconds, minutes, hours or days',
  })
  expiresIn: string;
}
