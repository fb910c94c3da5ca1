import type { ApiPropertyOptions } from '@nestjs/swagger';

/** What every figures answer adds (`FiguresService`'s `Freshness`), declared once for their three classes. */
export const COMPUTED_AT_PROPERTY: ApiPropertyOptions = {
  type: 'string',
  format: 'date-time',
  example: '2024-04-02T07:00:00.000Z',
  description: 'When these figures were computed: by the last recompute job, or now with `fresh=true`',
};

export const PENDING_PROPERTY: ApiPropertyOptions = {
  type: 'boolean',
  example: false,
  description:
    'true when a change (a move, a cohort or stage edit) was recorded that the stored figures do not reflect ' +
    'yet: a recompute is on its way. Figures read with `fresh=true` already reflect every change; for them it ' +
    'says only that the stored ones lag behind',
};
