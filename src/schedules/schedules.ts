import type { AppConfig } from '../config/app-config.js';
import type { JobData } from '../queue/queue.constants.js';

/** A daily schedule: at a local hour (America/Toronto), enqueue one job. */
export interface Schedule {
  name: string;
  hour: number;
  minute: number;
  queue: 'figures';
  job: 'recompute-all';
  data: JobData['recompute-all'];
}

export const SCHEDULE_NAMES = ['figures-recompute'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export function schedulesFrom(config: AppConfig): Schedule[] {
  return [
    { name: 'figures-recompute', hour: config.figuresRecomputeHour, minute: 0, queue: 'figures', job: 'recompute-all', data: { reason: 'nightly' } },
  ];
}
