import type { ApiPropertyOptions } from '@nestjs/swagger';
import { LANGUAGES, ROLES } from '../user.entity.js';

/**
 * The options of the properties users' requests and answers share, so that each enum is one named
 * schema of the document and each limit is written once.
 */
export const ROLE_PROPERTY = {
  enum: ROLES,
  enumName: 'Role',
  example: 'advisor',
  description: 'What the user may do (see the roles in the README)',
} satisfies ApiPropertyOptions;

export const LANGUAGE_PROPERTY = {
  enum: LANGUAGES,
  enumName: 'Language',
  example: 'fr',
  description: 'The language of the e-mails the user gets',
} satisfies ApiPropertyOptions;

export const NAME_PROPERTY = {
  minLength: 1,
  maxLength: 200,
  example: 'Conseillère (démo)',
} satisfies ApiPropertyOptions;

export const PASSWORD_PROPERTY = {
  minLength: 10,
  maxLength: 200,
  example: 'demo-coop-2024',
} satisfies ApiPropertyOptions;
