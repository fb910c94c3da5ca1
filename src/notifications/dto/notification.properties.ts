import type { ApiPropertyOptions } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '../notification.entity.js';

/** The enums the record and its filters share: one named schema each in the document. */
export const NOTIFICATION_KIND_PROPERTY = {
  enum: NOTIFICATION_KINDS,
  enumName: 'NotificationKind',
  example: 'digest',
  description:
    "`digest`: an advisor's daily follow-ups; `check_in`: news asked of a team after its cohort; " +
    '`password_reset`: a link to set a new password',
} satisfies ApiPropertyOptions;

export const NOTIFICATION_STATUS_PROPERTY = {
  enum: NOTIFICATION_STATUSES,
  enumName: 'NotificationStatus',
  example: 'sent',
  description: '`pending` until the mail server accepts it; `failed` once every attempt failed (retry it)',
} satisfies ApiPropertyOptions;
