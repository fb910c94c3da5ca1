import type { ApiPropertyOptions } from '@nestjs/swagger';
import { nullValue } from '../../openapi/nullable.js';
import { MILESTONES } from '../stage.entity.js';

/**
 * Every milestone property shares this text: the named `Milestone` schema takes its description
 * from the first property that declares it, so one text keeps the document the same whichever
 * comes first.
 */
const MILESTONE_DESCRIPTION =
  'What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal ' +
  'accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. ' +
  'A milestone marks one stage of a program at most; a stage without one has null';

/** A milestone, as the one named `Milestone` schema. */
export const MILESTONE_PROPERTY: ApiPropertyOptions = {
  enum: MILESTONES,
  enumName: 'Milestone',
  description: MILESTONE_DESCRIPTION,
  example: 'incorporated',
};

/** A stage's milestone: the named schema or null, for a stage that has none. */
export const NULLABLE_MILESTONE_PROPERTY: ApiPropertyOptions = {
  ...MILESTONE_PROPERTY,
  oneOf: [nullValue('string')],
};
