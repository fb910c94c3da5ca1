import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Cohort } from '../cohorts/cohort.entity.js';
import { financingOf, type ProjectFinancing } from '../financing/project-financing.js';
import { hoursRecorded } from '../time-entries/hours-recorded.js';
import { Stage, type Milestone } from '../programs/stage.entity.js';
import { User } from '../users/user.entity.js';
import { Contact } from './contact.entity.js';
import { Enrollment, type EnrollmentRow } from './enrollment.entity.js';
import type { Project } from './project.entity.js';
import { Transition } from './transition.entity.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { wholeDaysBetween } from '../common/time.js';
import { canReadFreeText, canSeeContacts } from './project-access.js';

export interface StageRef {
  code: string;
  labelFr: string;
  labelEn: string;
  position: number;
  milestone: Milestone | null;
}

export interface EnrollmentView {
  id: number;
  projectId: number;
  programCode: string;
  cohortId: number | null;
  cohort: { id: number; number: number; label: string } | null;
  stage: StageRef;
  status: Enrollment['status'];
  /** Free text: left out for readers who may not read it (see canReadFreeText). */
  statusReason?: string | null;
  version: number;
  enrolledAt: Date;
  stageEnteredAt: Date;
  lastMovedAt: Date;
}

export interface ProjectView extends Omit<Project, 'advisorId' | 'snoozeReason'> {
  advisorId: number | null;
  /** Free text: left out for readers who may not read it. */
  snoozeReason?: string | null;
  advisor: { id: number; name: string } | null;
  contacts?: Contact[];
  enrollments: EnrollmentView[];
  /** The totals of its funding requests. */
  financing: ProjectFinancing;
  /** The hours recorded for it, every date counted. */
  hours: number;
}

export interface HistoryEntry {
  id: number;
  programCode: string;
  kind: Transition['kind'];
  /** The stage left, or the status left (on_hold, abandoned); null for the entry into the program. */
  from: string | null;
  /** The stage reached, or the status reached (on_hold, abandoned). */
  to: string;
  stage: string;
  status: Transition['toStatus'];
  occurredAt: Date;
  recordedAt: Date;
  actor: { id: number; name: string } | null;
  source: Transition['source'];
  /** Free text: left out for readers who may not read them. */
  note?: string | null;
  reason?: string | null;
  /** Whole days spent in the stage or status this move left; null for the entry. */
  daysInStage: number | null;
}

/** The fields of free text, for a reader who may read them; none at all (not null) for the others. */
const freeText = <T extends object>(reader: AuthenticatedUser, fields: T): Partial<T> =>
  canReadFreeText(reader) ? fields : {};

const stateName = (stage: string | null, status: string | null) => (status && status !== 'active' ? status : stage);

/**
 * Turns rows into what the API shows to a reader, loading what they refer to in a few batched reads.
 * What a reader may not see (contacts, free text) is left out here, for every answer at once.
 */
@Injectable()
export class ProjectViews {
  /** Contacts only `withContacts` and for a reader who may see them. */
  async projects(
    manager: EntityManager,
    projects: Project[],
    reader: AuthenticatedUser,
    withContacts = false,
  ): Promise<ProjectView[]> {
    if (projects.length === 0) return [];
    const showContacts = withContacts && canSeeContacts(reader);
    const ids = projects.map((p) => p.id);
    const enrollments = await manager.find(Enrollment, { where: { projectId: In(ids) }, order: { id: 'ASC' } });
    const enrollmentViews = await this.enrollments(manager, enrollments, reader);
    const advisors = await this.namesOf(
      manager,
      projects.map((p) => p.advisorId),
    );
    const contacts = showContacts
      ? await manager.find(Contact, { where: { projectId: In(ids) }, order: { id: 'ASC' } })
      : [];
    const financing = await financingOf(manager, ids);
    const hours = await hoursRecorded(manager, 'projectId', ids);
    return projects.map(({ snoozeReason, ...project }) => ({
      ...project,
      ...freeText(reader, { snoozeReason }),
      advisor: project.advisorId ? (advisors.get(project.advisorId) ?? null) : null,
      ...(showContacts ? { contacts: contacts.filter((c) => c.projectId === project.id) } : {}),
      enrollments: enrollmentViews.filter((e) => e.projectId === project.id),
      financing: financing.get(project.id)!,
      hours: hours.get(project.id)!,
    }));
  }

  /**
   * `loaded`: the stages and cohorts the caller has already read in this transaction (a move has), so
   * that they are not read again; they must include every one these enrollments refer to.
   */
  async enrollments(
    manager: EntityManager,
    enrollments: EnrollmentRow[],
    reader: AuthenticatedUser,
    loaded?: { stages: Stage[]; cohorts: Pick<Cohort, 'id' | 'number' | 'label'>[] },
  ): Promise<EnrollmentView[]> {
    if (enrollments.length === 0) return [];
    const programCodes = [...new Set(enrollments.map((e) => e.programCode))];
    const cohortIds = [...new Set(enrollments.map((e) => e.cohortId).filter((id): id is number => id !== null))];
    const stages = loaded?.stages ?? (await manager.find(Stage, { where: { programCode: In(programCodes) } }));
    const cohorts =
      loaded?.cohorts ?? (cohortIds.length ? await manager.find(Cohort, { where: { id: In(cohortIds) } }) : []);
    return enrollments.map((e) => {
      const stage = stages.find((s) => s.programCode === e.programCode && s.code === e.stageCode)!;
      const cohort = cohorts.find((c) => c.id === e.cohortId);
      return {
        id: e.id,
        projectId: e.projectId,
        programCode: e.programCode,
        cohortId: e.cohortId,
        cohort: cohort ? { id: cohort.id, number: cohort.number, label: cohort.label } : null,
        stage: {
          code: stage.code,
          labelFr: stage.labelFr,
          labelEn: stage.labelEn,
          position: stage.position,
          milestone: stage.milestone,
        },
        status: e.status,
        ...freeText(reader, { statusReason: e.statusReason }),
        version: e.version,
        enrolledAt: e.enrolledAt,
        stageEnteredAt: e.stageEnteredAt,
        lastMovedAt: e.lastMovedAt,
      };
    });
  }

  /**
   * History lines, oldest first, each with the days spent in what it left. Lines recorded by the
   * reader alone (a move's answer) need no read of the actors' names.
   */
  async history(manager: EntityManager, transitions: Transition[], reader: AuthenticatedUser): Promise<HistoryEntry[]> {
    const actors = transitions.every((t) => t.actorId === reader.id)
      ? new Map([[reader.id, { id: reader.id, name: reader.name }]])
      : await this.namesOf(
          manager,
          transitions.map((t) => t.actorId),
        );
    const previousOf = new Map<number, Transition>();
    return transitions.map((t) => {
      const previous = previousOf.get(t.enrollmentId);
      previousOf.set(t.enrollmentId, t);
      return {
        id: t.id,
        programCode: t.programCode,
        kind: t.kind,
        from: t.kind === 'enrol' ? null : stateName(t.fromStage, t.fromStatus),
        to: stateName(t.toStage, t.toStatus)!,
        stage: t.toStage,
        status: t.toStatus,
        occurredAt: t.occurredAt,
        recordedAt: t.recordedAt,
        actor: t.actorId ? (actors.get(t.actorId) ?? null) : null,
        source: t.source,
        ...freeText(reader, { note: t.note, reason: t.reason }),
        daysInStage: previous ? wholeDaysBetween(previous.occurredAt, t.occurredAt) : null,
      };
    });
  }

  private async namesOf(manager: EntityManager, ids: (number | null)[]) {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    const users = wanted.length ? await manager.find(User, { where: { id: In(wanted) } }) : [];
    return new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
  }
}
