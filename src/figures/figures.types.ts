import type { Rate } from './rate.js';

/** Counts of one group of enrollments. A count is null when the program has no such milestone. */
export interface FigureCounts {
  registered: number;
  completed: number | null;
  incorporated: number | null;
  operating: number | null;
  abandoned: number;
  onHold: number;
  entrepreneurs: number;
}

export interface CohortFigures extends FigureCounts {
  cohortId: number;
  number: number;
  label: string;
  programCode: string;
  year: string;
  /** completed / registered */
  completionRate: Rate | null;
  /** The cohort start rate: incorporated / completed. */
  startRate: Rate | null;
}

export interface ProgramYearStats extends FigureCounts {
  programCode: string;
  year: string;
  completionRate: Rate | null;
  /** The program-year start rate: incorporated / registered. */
  startRate: Rate | null;
  /** One row per cohort of the year, for cohort programs. */
  cohorts: CohortFigures[];
}

export interface FunnelStage {
  code: string;
  labelFr: string;
  labelEn: string;
  position: number;
  milestone: string | null;
  /** Projects whose history reached this stage or a later one. */
  reached: number;
  /** Projects in this stage now (active or on hold). */
  current: number;
  /** Median days an active project spent in this stage before its next move; null without any. */
  medianDays: number | null;
}

export interface FunnelMilestone {
  milestone: string;
  stageCode: string;
  reached: number;
  /** Against the previous milestone (null for the first). */
  fromPrevious: Rate | null;
  /** Against the first milestone. */
  fromFirst: Rate | null;
  /** Against every project of the funnel. */
  ofProjects: Rate | null;
}

export interface Funnel {
  programCode: string;
  year: string;
  projects: number;
  stages: FunnelStage[];
  milestones: FunnelMilestone[];
}

/** What is stored per program-year scope. */
export interface ProgramYearFigures {
  stats: ProgramYearStats;
  funnel: Funnel;
}
