import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { AuditEntryResponse } from '../../audit/dto/audit-entry.response.js';
import { ContactResponse } from '../../projects/dto/contact.response.js';
import {
  NOTIFICATION_KIND_PROPERTY,
  NOTIFICATION_STATUS_PROPERTY,
} from '../../notifications/dto/notification.properties.js';
import type { NotificationKind, NotificationStatus } from '../../notifications/notification.entity.js';
import { nullableRef } from '../../openapi/nullable.js';
import { ROLE_PROPERTY } from '../../users/dto/user.properties.js';
import { LANGUAGES, type Language, type Role } from '../../users/user.entity.js';

/** A project, named. */
export class PersonProjectResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  id: number;

  @ApiProperty({ example: 'Coop La Fabrique' })
  name: string;
}

/** A contact row of the person, with its project. */
export class PersonContactResponse extends ContactResponse {
  @ApiProperty({ type: PersonProjectResponse })
  project: PersonProjectResponse;
}

/** An e-mail the record holds as sent (or to send) to the person. */
export class PersonEmailResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 88 })
  id: number;

  @ApiProperty({ ...NOTIFICATION_KIND_PROPERTY, example: 'check_in' })
  kind: NotificationKind;

  @ApiProperty({ example: 'Des nouvelles de Coop La Fabrique ?' })
  subject: string;

  @ApiProperty(NOTIFICATION_STATUS_PROPERTY)
  status: NotificationStatus;

  @ApiProperty({ format: 'date-time', example: '2026-04-30T13:00:02.000Z', description: 'When it was recorded' })
  createdAt: Date;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    example: '2026-04-30T13:00:03.000Z',
    description: 'When the mail server took it; null while it is not sent',
  })
  sentAt: Date | null;
}

/** Who took an export. */
export class PersonExportUserResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  id: number;

  @ApiProperty({ example: 'Coordination (démo)' })
  name: string;
}

/** A cohort export with contacts, of a cohort one of the person's projects is enrolled in. */
@ApiExtraModels(PersonExportUserResponse)
export class PersonExportResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 41, description: 'The entry of the export log' })
  id: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 19 })
  cohortId: number;

  @ApiProperty({ example: 'csv', description: 'csv, xlsx or json' })
  format: string;

  @ApiProperty(
    nullableRef(PersonExportUserResponse, 'Who took it; null if that account cannot be found', {
      id: 2,
      name: 'Coordination (démo)',
    }),
  )
  takenBy: PersonExportUserResponse | null;

  @ApiProperty({ format: 'date-time', example: '2026-05-02T15:20:00.000Z' })
  createdAt: Date;
}

/** The person's own account, when one has their e-mail. */
export class PersonAccountResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 5 })
  id: number;

  @ApiProperty({ example: 'Camille Roy' })
  name: string;

  @ApiProperty(ROLE_PROPERTY)
  role: Role;

  @ApiProperty()
  active: boolean;

  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'fr' })
  language: Language;

  @ApiProperty({ format: 'date-time', example: '2025-09-01T12:00:00.000Z' })
  createdAt: Date;
}

/** Everything the service holds about one person, found by their e-mail (Law 25). */
@ApiExtraModels(PersonAccountResponse)
export class PersonalInformationResponse {
  @ApiProperty({ type: () => [PersonContactResponse], description: 'Every contact row with that e-mail' })
  contacts: PersonContactResponse[];

  @ApiProperty({
    type: () => [PersonEmailResponse],
    description: 'The e-mails sent (or to send) to that address, or to one of those contacts',
  })
  emails: PersonEmailResponse[];

  @ApiProperty({
    type: () => [PersonExportResponse],
    description:
      "Exports with contacts of a cohort one of the person's projects is enrolled in: the file may hold them",
  })
  exports: PersonExportResponse[];

  @ApiProperty({
    type: () => [AuditEntryResponse],
    description: 'What the audit trail records of those contact rows (their creation, their changes), oldest first',
  })
  changes: AuditEntryResponse[];

  @ApiProperty({
    ...nullableRef(PersonAccountResponse, 'Their account, when one has that e-mail; null otherwise'),
    example: null,
  })
  account: PersonAccountResponse | null;
}

/** What an erasure erased. */
export class ErasureResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 2, description: 'Contact rows deleted' })
  contacts: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 3,
    description: 'E-mails of the record whose address, name and message were blanked',
  })
  emails: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Copies deleted from the development outbox' })
  outboxFiles: number;
}
