import type { AppConfig } from '../config/app-config.js';
import type { JobData, QueueKey } from '../queue/queue.constants.js';

/**
 * A daily schedule: at a local hour (America/Toronto), enqueue one job. `dataFor` receives the
 * Montréal date of the tick, so the work is for that day even if it runs later.
 */
export type Schedule = { name: ScheduleName; hour: number; minute: number; queue: QueueKey } & ScheduledJob;

/** The daily schedules, by the name `POST /admin/schedules/{name}/run` takes. */
export const SCHEDULE_NAMES = ['figures-recompute', 'daily-digest', 'cohort-check-ins', 'contact-retention'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

type DailyJob = 'recompute-all' | 'daily-digest' | 'cohort-check-ins' | 'contact-retention';
type ScheduledJob = { [J in DailyJob]: { job: J; dataFor: (localDate: string) => JobData[J] } }[DailyJob];

export function schedulesFrom(config: AppConfig): Schedule[] {
  return [
    {
      name: 'figures-recompute',
      hour: config.figuresRecomputeHour,
      minute: 0,
      queue: 'figures',
      job: 'recompute-all',
      dataFor: () => ({ reason: 'nightly' }),
    },
    {
      name: 'daily-digest',
      hour: config.digestHour,
      minute: 0,
      queue: 'followUps',
      job: 'daily-digest',
      dataFor: (localDate) => ({ localDate }),
    },
    {
      name: 'cohort-check-ins',
      hour: config.checkInHour,
      minute: 0,
      queue: 'followUps',
      job: 'cohort-check-ins',
      dataFor: (localDate) => ({ localDate }),
    },
    {
      name: 'contact-retention',
      hour: config.contactRetentionHour,
      minute: 0,
      queue: 'followUps',
      job: 'contact-retention',
      dataFor: (localDate) => ({ localDate }),
    },
  ];
}
