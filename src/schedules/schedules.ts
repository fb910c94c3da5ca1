import type { AppConfig } from '../config/app-config.js';
import type { JobData } from '../queue/queue.constants.js';

/** A daily schedule: at a local hour (America/Toronto), enqueue one job. */
export interface Schedule {
  name: string;
  hour: number;
  minute: number;
  job: 'recompute-all';
  data: JobData['recompute-all'];
}

export function schedulesFrom(config: AppConfig): Schedule[] {
  return [
    { name: 'figures-recompute', hour: config.figuresRecomputeHour, minute: 0, job: 'recompute-all', data: { reason: 'nightly' } },
  ];
}
