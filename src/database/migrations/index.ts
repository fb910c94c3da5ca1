import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { DefaultPipelines1763800000001 } from './1763800000001-default-pipelines.js';
import { FiguresAndQueue1763800000002 } from './1763800000002-figures-and-queue.js';
import { FollowUps1763800000003 } from './1763800000003-follow-ups.js';
import { RatingsAndExports1763800000004 } from './1763800000004-ratings-and-exports.js';
import { FigureFailures1763800000005 } from './1763800000005-figure-failures.js';
import { Accounts1763800000006 } from './1763800000006-accounts.js';
import { ProjectsFitEntity1763800000007 } from './1763800000007-projects-fit-entity.js';
import { ScheduleRunsEnqueued1763800000008 } from './1763800000008-schedule-runs-enqueued.js';
import { Organizations1763800000009 } from './1763800000009-organizations.js';
import { TimeEntries1763800000010 } from './1763800000010-time-entries.js';
import { Financing1763800000011 } from './1763800000011-financing.js';
import { JobCounts1763800000012 } from './1763800000012-job-counts.js';
import { ImportLog1763800000013 } from './1763800000013-import-log.js';
import { CalendarFeeds1763800000014 } from './1763800000014-calendar-feeds.js';
import { PrivacyRequests1763800000015 } from './1763800000015-privacy-requests.js';
import { AuditEntries1763800000016 } from './1763800000016-audit-entries.js';

/** Listed by hand, oldest first: no glob to go wrong between ts-jest, tsc output and ESM. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  DefaultPipelines1763800000001,
  FiguresAndQueue1763800000002,
  FollowUps1763800000003,
  RatingsAndExports1763800000004,
  FigureFailures1763800000005,
  Accounts1763800000006,
  ProjectsFitEntity1763800000007,
  ScheduleRunsEnqueued1763800000008,
  Organizations1763800000009,
  TimeEntries1763800000010,
  Financing1763800000011,
  JobCounts1763800000012,
  ImportLog1763800000013,
  CalendarFeeds1763800000014,
  PrivacyRequests1763800000015,
  AuditEntries1763800000016,
];
