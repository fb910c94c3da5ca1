import { foldForSearch } from '../common/search-text.js';
import { PROJECT_FILE_COLUMNS } from '../exports/project-file-columns.js';
import { emptyPlan, type ImportPlan, type NewCohort } from './import-plan.js';
import { problemAt, type ImportProblem } from './import-problem.js';
import { projectKey, type ExistingProject, type ImportState, type ProjectFields } from './import-state.js';
import type { ProjectFileHeader } from './project-file-header.js';
import type { ImportRow } from './project-file-row.js';
import { changeOf, newEnrollment } from './row-history.js';
import { advisorOf, cohortOf, type ColumnName } from './row-references.js';

/**
 * What applying the rows would do to the database as `state` holds it, or every reason it cannot:
 * written by nobody, so a dry run and an application answer the same.
 */
export function planImport(rows: ImportRow[], state: ImportState, header: ProjectFileHeader, now: Date): ImportPlan {
  const col: ColumnName = (key) => header.columns[key]?.header ?? PROJECT_FILE_COLUMNS[key].fr;
  const plan = emptyPlan();
  const newCohorts = new Map<string, { cohort: NewCohort; row: number }>();
  const matchedCohorts = new Set<number>();
  const rowOfKey = new Map<string, number>();

  for (const row of rows) {
    const problems: ImportProblem[] = [];
    const at = (column: string | null, value: string | null, problem: string) =>
      problems.push(problemAt(row.row, column, value, problem));

    const cohort = cohortOf(row, state, newCohorts, at, col);
    if (cohort && 'id' in cohort) matchedCohorts.add(cohort.id);
    const advisorId = advisorOf(row, state, at, col);

    // The row's key: its project number when given, else its program, cohort and name.
    const cohortPart = cohort === null ? '' : 'id' in cohort ? String(cohort.id) : `new:${cohort.key}`;
    const key =
      row.projectId !== null ? `#${row.projectId}` : `${row.program.code}|${cohortPart}|${foldForSearch(row.name)}`;
    const earlier = rowOfKey.get(key);
    if (earlier !== undefined) at(null, null, `the same project as row ${earlier}`);
    rowOfKey.set(key, row.row);

    let existing: ExistingProject | null = null;
    if (row.projectId !== null) {
      existing = state.projectsById.get(row.projectId) ?? null;
      if (!existing) at(col('projectId'), String(row.projectId), 'no project has this number in this database');
    } else if (cohort === null || 'id' in cohort) {
      const found = state.projectsByKey.get(projectKey(row.program.code, cohort?.id ?? null, row.name)) ?? [];
      if (found.length > 1)
        at(null, row.name, `${found.length} projects of this program and cohort have this name; give the N° de projet`);
      existing = found[0] ?? null;
    }

    const fields: ProjectFields = {
      name: row.name,
      sector: row.sector,
      kind: row.kind,
      coopType: row.coopType,
      region: row.region,
      entrepreneurCount: row.entrepreneurs,
      advisorId: advisorId ?? null,
    };
    if (problems.length > 0) {
      plan.problems.push(...problems);
      continue;
    }

    if (!existing) {
      const enrollment = newEnrollment(row, cohort, now, problems, col);
      if (enrollment) plan.newProjects.push({ row: row.row, fields, enrollment, contacts: row.contacts });
    } else {
      const change = changeOf(row, existing, fields, header, cohort, now, problems, col);
      if (change) plan.changedProjects.push(change);
      else if (problems.length === 0) plan.unchangedProjects++;
    }
    plan.problems.push(...problems);
  }
  plan.newCohorts = [...newCohorts.values()].map((c) => c.cohort);
  plan.matchedCohorts = matchedCohorts.size;
  return plan;
}
