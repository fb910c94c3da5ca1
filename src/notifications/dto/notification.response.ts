import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Language } from '../../users/user.entity.js';
import { LANGUAGE_PROPERTY } from '../../users/dto/user.properties.js';
import type { NotificationKind, NotificationStatus } from '../notification.entity.js';
import { NOTIFICATION_KIND_PROPERTY, NOTIFICATION_STATUS_PROPERTY } from './notification.properties.js';

/** One e-mail the service sent or tried to send, recorded before the first attempt. */
export class NotificationResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  id: number;

  @ApiProperty({
    example: 'digest:4:2024-05-01',
    description:
      'What the e-mail is for, unique: `digest:<advisor id>:<local date>`, ' +
      '`check-in:<project id>:<days after the cohort>:contact:<contact id>`, `password-reset:<user id>:<random>`',
  })
  key: string;

  @ApiProperty(NOTIFICATION_KIND_PROPERTY)
  kind: NotificationKind;

  @ApiProperty({
    example: 'conseillere@demo.coop.example',
    description: '`erased` once the contact it went to was erased',
  })
  recipientEmail: string;

  @ApiProperty({ example: 'Conseillère (démo)', description: '`erased` once the contact it went to was erased' })
  recipientName: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 4,
    description: 'The user it went to (digests, password resets); null for a contact',
  })
  recipientUserId: number | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: null,
    description: 'The project contact it went to (check-ins); null for a user',
  })
  contactId: number | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: null,
    description: 'The project it is about (check-ins)',
  })
  projectId: number | null;

  @ApiProperty({ ...LANGUAGE_PROPERTY, description: 'The language it was written in' })
  language: Language;

  @ApiProperty({ example: "Vos suivis du mercredi 1 mai 2024 : 2 tâches en retard, 1 tâche aujourd'hui" })
  subject: string;

  @ApiPropertyOptional({
    example: 'Bonjour Conseillère (démo),\n\nVoici ce qui demande votre attention aujourd’hui.\n…',
    description:
      'The plain text sent. Never shown for `password_reset`, whose body holds the token; empty once the contact ' +
      'it went to was erased',
  })
  body?: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: null,
    description: "Where answers go: the project's advisor for a check-in; null for the sender's address",
  })
  replyTo: string | null;

  @ApiProperty(NOTIFICATION_STATUS_PROPERTY)
  status: NotificationStatus;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Attempts to send it in the current round' })
  attempts: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: null,
    description: "The mail server's answer to the last failed attempt",
  })
  lastError: string | null;

  @ApiProperty({ format: 'date-time', example: '2024-05-01T11:00:02.000Z', description: 'When it was recorded' })
  createdAt: Date;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: '2024-05-01T11:00:03.000Z' })
  sentAt: Date | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '<digest.4.2024-05-01.3f9a1c2b7d4e6f80@federation.coop>',
    description: 'Its Message-ID, given on the first attempt and kept on every other',
  })
  messageId: string | null;
}
