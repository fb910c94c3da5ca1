import type { components } from '../../../client/index.js';
import type { Cohort } from '../board/board-data.js';

export { programName, type Cohort, type Program } from '../board/board-data.js';
export type CohortFigures = components['schemas']['CohortFiguresResponse'];
export type Funnel = components['schemas']['FunnelResponse'];

/** Reporting years as the service writes them ("2023-2024"), newest first, each once. */
export function yearsOf(cohorts: Cohort[]): string[] {
  const years = new Set(cohorts.map((cohort) => cohort.year).filter((year): year is string => year !== null));
  return [...years].sort().reverse();
}
