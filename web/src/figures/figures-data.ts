import type { components } from '../../../client/index.js';

export type Program = components['schemas']['ProgramResponse'];
export type Cohort = components['schemas']['CohortResponse'];
export type ProgramStats = components['schemas']['ProgramStatsResponse'];
export type CohortFigures = components['schemas']['CohortFiguresResponse'];
export type Funnel = components['schemas']['FunnelResponse'];
export type Satisfaction = components['schemas']['CohortSatisfactionResponse'];

/** Reporting years as the service writes them ("2023-2024"), newest first, each once. */
export function yearsOf(cohorts: Cohort[]): string[] {
  const years = new Set(cohorts.map((cohort) => cohort.year).filter((year): year is string => year !== null));
  return [...years].sort().reverse();
}

/** A program's name in the user's language. */
export function programName(program: Program, language: 'fr' | 'en'): string {
  return language === 'fr' ? program.nameFr : program.nameEn;
}
