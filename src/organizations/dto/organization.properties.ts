import type { ApiParamOptions, ApiPropertyOptions } from '@nestjs/swagger';
import { DATE_RANGE_TEXT, MAX_INTEGER } from '../../common/validators.js';
import { COOP_TYPES, REGIONS } from '../../projects/project.entity.js';

/** Written once, shared by the requests and the answers, so the document says the same thing of each field. */
export const NAME_PROPERTY: ApiPropertyOptions = {
  minLength: 1,
  maxLength: 200,
  example: 'Coopérative de travail Le Rucher',
  description: 'Trimmed of surrounding spaces',
};

export const COOP_TYPE_PROPERTY: ApiPropertyOptions = {
  enum: COOP_TYPES,
  enumName: 'CoopType',
  example: 'worker',
  description: 'worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité',
};

export const REGION_PROPERTY: ApiPropertyOptions = {
  enum: REGIONS,
  enumName: 'Region',
  example: '06',
  description: 'Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)',
};

export const SECTOR_PROPERTY: ApiPropertyOptions = {
  minLength: 1,
  maxLength: 200,
  example: 'apiculture',
  description: 'What the co-op does, in a few words',
};

export const ENTERPRISE_NUMBER_PROPERTY: ApiPropertyOptions = {
  type: 'string',
  pattern: '^\\d{10}$',
  nullable: true,
  example: '1170000001',
  description:
    'Québec enterprise number (NEQ): ten digits, checked for its form only; one co-op per number (409). ' +
    'null: not known',
};

export const MEMBER_SINCE_PROPERTY: ApiPropertyOptions = {
  type: 'string',
  format: 'date',
  nullable: true,
  example: '2019-05-14',
  description: `The first day the co-op was a member, ${DATE_RANGE_TEXT}; null: never a member`,
};

export const MEMBER_UNTIL_PROPERTY: ApiPropertyOptions = {
  type: 'string',
  format: 'date',
  nullable: true,
  example: null,
  description:
    `The last day the co-op was a member, ${DATE_RANGE_TEXT}, not before memberSince and only with it (400); ` +
    'null: still a member (or never one)',
};

/** The `:id` of the paths under /organizations: a whole number, as `ParseId` takes it. */
export const ORGANIZATION_ID: ApiParamOptions = {
  name: 'id',
  description: 'The organization (co-op) id',
  schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGER, example: 1 },
};
