import { ApiPropertyOptional } from '@nestjs/swagger';
import { UserResponse } from './user.response.js';

/**
 * The caller's account after PATCH /users/me. A new password revoked every token of the account,
 * the one of this request included: the answer then carries a fresh token so this session goes on.
 */
export class OwnAccountResponse extends UserResponse {
  @ApiPropertyOptional({
    description: 'Only when the password changed: the token to use from now on',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjMsInJvbGUiOiJhZHZpc29yIn0.c2lnbmF0dXJl',
  })
  accessToken?: string;

  @ApiPropertyOptional({ enum: ['Bearer'], example: 'Bearer', description: 'Only when the password changed' })
  tokenType?: 'Bearer';

  @ApiPropertyOptional({
    pattern: '^\\d+[smhd]$',
    example: '12h',
    description: 'Only when the password changed: how long the new token works',
  })
  expiresIn?: string;
}
