import type { DeliveryMode } from '../cohorts/cohort.entity.js';
import type { EnrollmentRow } from '../projects/enrollment.entity.js';
import type { ImportProblem } from './import-problem.js';
import type { ProjectFields } from './import-state.js';
import type { EnrollmentPosition, ImportedMove } from './row-moves.js';

export interface NewCohort {
  key: string;
  programCode: string;
  number: number;
  label: string;
  startsOn: string;
  endsOn: string;
  deliveryMode: DeliveryMode;
}

/** A cohort by id when it exists, by key when the import creates it. */
export type CohortRef = { id: number } | { key: string } | null;

export interface NewEnrollment {
  programCode: string;
  /** Where the enrolment puts it, before the moves. */
  firstStage: string;
  cohort: CohortRef;
  enrolledAt: Date;
  moves: ImportedMove[];
  end: EnrollmentPosition;
}

export interface NewProject {
  row: number;
  fields: ProjectFields;
  enrollment: NewEnrollment;
  contacts: { name: string; email: string }[];
}

export interface ChangedProject {
  row: number;
  projectId: number;
  /** The project's version the plan read: its fields change only if nobody changed them since. */
  version: number;
  changes: Partial<ProjectFields>;
  /** The changed fields as the plan read them: what the audit trail records as before. */
  previous: Partial<ProjectFields>;
  /** A program the project was not in yet. */
  newEnrollment: NewEnrollment | null;
  /** Moves on an enrollment it had, from where the database has it. */
  moved: { before: EnrollmentRow; moves: ImportedMove[]; end: EnrollmentPosition } | null;
  contacts: { name: string; email: string }[];
}

export interface ImportPlan {
  problems: ImportProblem[];
  newCohorts: NewCohort[];
  matchedCohorts: number;
  newProjects: NewProject[];
  changedProjects: ChangedProject[];
  unchangedProjects: number;
}

/** What a plan creates and changes: what a dry run announces and an application then does. */
export interface ImportCounts {
  cohortsCreated: number;
  cohortsMatched: number;
  projectsCreated: number;
  projectsChanged: number;
  projectsUnchanged: number;
  enrollmentsCreated: number;
  movesCreated: number;
  contactsCreated: number;
}

export function countsOf(plan: ImportPlan): ImportCounts {
  const newEnrollments = [
    ...plan.newProjects.map((p) => p.enrollment),
    ...plan.changedProjects.flatMap((c) => (c.newEnrollment ? [c.newEnrollment] : [])),
  ];
  return {
    cohortsCreated: plan.newCohorts.length,
    cohortsMatched: plan.matchedCohorts,
    projectsCreated: plan.newProjects.length,
    projectsChanged: plan.changedProjects.length,
    projectsUnchanged: plan.unchangedProjects,
    enrollmentsCreated: newEnrollments.length,
    movesCreated:
      newEnrollments.reduce((n, e) => n + e.moves.length, 0) +
      plan.changedProjects.reduce((n, c) => n + (c.moved?.moves.length ?? 0), 0),
    contactsCreated:
      plan.newProjects.reduce((n, p) => n + p.contacts.length, 0) +
      plan.changedProjects.reduce((n, c) => n + c.contacts.length, 0),
  };
}

/** A plan that does nothing: the start of every plan, and the counts of a file refused unread. */
export const emptyPlan = (): ImportPlan => ({
  problems: [],
  newCohorts: [],
  matchedCohorts: 0,
  newProjects: [],
  changedProjects: [],
  unchangedProjects: 0,
});
