import type { ProjectFileColumn } from '../exports/project-file-columns.js';
import type { CohortRef, NewCohort } from './import-plan.js';
import { cohortKey, type ImportState } from './import-state.js';
import type { ImportRow } from './project-file-row.js';

const ADVISOR_ROLES = ['advisor', 'coordinator', 'admin'];

export type At = (column: string | null, value: string | null, problem: string) => void;
/** The column as the file heads it, in the file's language. */
export type ColumnName = (key: ProjectFileColumn) => string;

/** The row's cohort: one that exists, agreeing with the dates the row gives, or one the file creates. */
export function cohortOf(
  row: ImportRow,
  state: ImportState,
  created: Map<string, { cohort: NewCohort; row: number }>,
  at: At,
  col: ColumnName,
): CohortRef {
  if (row.cohortNumber === null) return null;
  const key = cohortKey(row.program.code, row.cohortNumber);
  const existing = state.cohorts.get(key);
  if (existing) {
    if (row.cohortStartsOn !== null && row.cohortStartsOn !== existing.startsOn)
      at(col('cohortStartsOn'), row.cohortStartsOn, `cohort ${row.cohortNumber} starts on ${existing.startsOn}`);
    if (row.cohortEndsOn !== null && row.cohortEndsOn !== existing.endsOn)
      at(col('cohortEndsOn'), row.cohortEndsOn, `cohort ${row.cohortNumber} ends on ${existing.endsOn}`);
    return { id: existing.id };
  }
  const { cohortStartsOn: startsOn, cohortEndsOn: endsOn, cohortDelivery: deliveryMode } = row;
  const missing = [
    startsOn === null && col('cohortStartsOn'),
    endsOn === null && col('cohortEndsOn'),
    deliveryMode === null && col('cohortDelivery'),
  ].filter((m): m is string => m !== false);
  if (missing.length > 0) {
    at(
      col('cohort'),
      String(row.cohortNumber),
      `cohort ${row.cohortNumber} of ${row.program.code} does not exist; to create it, give ${missing.join(', ')}`,
    );
    return { key };
  }
  if (startsOn! > endsOn!) at(col('cohortEndsOn'), endsOn, `is before the cohort's start (${startsOn})`);
  const cohort: NewCohort = {
    key,
    programCode: row.program.code,
    number: row.cohortNumber,
    label: row.cohortLabel ?? `Cohorte ${row.cohortNumber}`,
    startsOn: startsOn!,
    endsOn: endsOn!,
    deliveryMode: deliveryMode!,
  };
  const first = created.get(key);
  if (!first) created.set(key, { cohort, row: row.row });
  else if (JSON.stringify(first.cohort) !== JSON.stringify(cohort))
    at(col('cohort'), String(row.cohortNumber), `describes cohort ${row.cohortNumber} otherwise than row ${first.row}`);
  return { key };
}

/** The advisor named by e-mail: an active advisor, coordinator or admin; never a new account. */
export function advisorOf(row: ImportRow, state: ImportState, at: At, col: ColumnName): number | null | undefined {
  if (row.advisorEmail === null) return null;
  const user = state.usersByEmail.get(row.advisorEmail);
  if (!user) return void at(col('advisorEmail'), row.advisorEmail, 'no user has this e-mail');
  if (!user.active || !ADVISOR_ROLES.includes(user.role))
    return void at(col('advisorEmail'), row.advisorEmail, 'is not an active advisor, coordinator or admin');
  return user.id;
}
