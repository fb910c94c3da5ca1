/**
 * What one stored figure set covers. Scopes are strings so they can key a table row, a dirty mark
 * and a job id alike:
 *   cohort:<id>                   a cohort's figures
 *   program-year:<code>:<year>    a program's figures and funnel for one reporting year
 *   program:<code>                every scope of a program (after its stages change)
 */
export type FigureScope =
  | { kind: 'cohort'; cohortId: number }
  | { kind: 'program-year'; programCode: string; year: string }
  | { kind: 'program'; programCode: string };

export const cohortScope = (cohortId: number) => `cohort:${cohortId}`;
export const programYearScope = (programCode: string, year: string) => `program-year:${programCode}:${year}`;
export const programScope = (programCode: string) => `program:${programCode}`;

export function parseScope(scope: string): FigureScope {
  const [kind, first, second] = scope.split(':');
  if (kind === 'cohort' && /^\d+$/.test(first ?? '') && second === undefined) return { kind, cohortId: Number(first) };
  if (kind === 'program-year' && first && second) return { kind, programCode: first, year: second };
  if (kind === 'program' && first && second === undefined) return { kind, programCode: first };
  throw new Error(`Not a figure scope: ${scope}`);
}
