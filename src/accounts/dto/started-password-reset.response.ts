import { ApiProperty } from '@nestjs/swagger';

/** A password reset on its way to the user: what to follow, never the token itself. */
export class StartedPasswordResetResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  userId: number;

  @ApiProperty({ format: 'date-time', example: '2024-05-01T15:00:00.000Z', description: 'The link stops working then' })
  expiresAt: Date;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: 'The e-mail in GET /notifications/{id} (its body is never shown)',
  })
  notificationId: number;
}
