import type { ApiParamOptions, ApiPropertyOptions } from '@nestjs/swagger';
import { MAX_INTEGER } from '../../common/validators.js';
import { DELIVERY_MODES } from '../cohort.entity.js';

/** Shared by the cohort's requests and its answer, so the document has one `DeliveryMode` schema. */
export const DELIVERY_MODE_PROPERTY: ApiPropertyOptions = {
  enum: DELIVERY_MODES,
  enumName: 'DeliveryMode',
  example: 'remote',
  description: 'How the cohort is given: `in_person`, `remote` (at a distance, to all of Québec) or `hybrid`',
};

export const CAPACITY_PROPERTY: ApiPropertyOptions = {
  type: 'integer',
  minimum: 1,
  maximum: 10000,
  nullable: true,
  example: 12,
  description: 'How many projects the cohort takes at most; null: no limit',
};

/** The `:id` of the paths under /cohorts: a whole number, as `ParseId` takes it. */
export const COHORT_ID: ApiParamOptions = {
  name: 'id',
  description: 'The cohort id',
  schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGER, example: 1 },
};
