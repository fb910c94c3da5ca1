import type { Rate } from '../figures/rate.js';

/** The shares the annual report prints, in the figures' rate shape; null while nobody has answered. */
export interface Satisfaction {
  responses: number;
  /** Rated 4 or 5 out of 5. */
  satisfied: Rate | null;
  /** Rated 5 out of 5. */
  verySatisfied: Rate | null;
}

export interface CohortSatisfaction extends Satisfaction {
  cohortId: number;
}
