import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import { Contact } from './contact.entity.js';
import { Enrollment } from './enrollment.entity.js';
import type { ErasedContact } from './project-audit.js';
import { Project } from './project.entity.js';

/** A contact row of the person, with the project it is on. */
export interface PersonContact extends Contact {
  project: { id: number; name: string };
}

/**
 * What the projects hold about one person, found by their e-mail (Law 25): the contact rows that
 * carry it, on every project, and the cohorts those projects are enrolled in. Contacts' e-mails
 * are stored in lower case, so the person's is lowered to find them.
 */
@Injectable()
export class PersonContacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(email: string, manager: EntityManager = this.dataSource.manager): Promise<PersonContact[]> {
    const contacts = await manager.find(Contact, { where: { email: email.toLowerCase() }, order: { id: 'ASC' } });
    if (contacts.length === 0) return [];
    const projects = await manager.find(Project, {
      select: { id: true, name: true },
      where: { id: In(contacts.map((c) => c.projectId)) },
    });
    const names = new Map(projects.map((p) => [p.id, p.name]));
    return contacts.map((contact) => ({
      ...contact,
      project: { id: contact.projectId, name: names.get(contact.projectId) ?? '' },
    }));
  }

  /** The cohorts the projects are enrolled in, each once. */
  async cohortsOf(projectIds: number[], manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    if (projectIds.length === 0) return [];
    const enrollments = await manager.find(Enrollment, {
      select: { cohortId: true },
      where: { projectId: In(projectIds), cohortId: Not(IsNull()) },
    });
    return [...new Set(enrollments.map((e) => e.cohortId as number))].sort((a, b) => a - b);
  }

  /**
   * Deletes the person's contact rows, in the caller's transaction, and returns which they were
   * (for the record of e-mail and the audit trail to forget them too). Deleted rather than
   * blanked: no foreign key points at contacts and no figure counts them, and the record of e-mail
   * keeps its rows by a plain `contact_id` (blanked there), so history and figures stay whole with
   * the person gone; a blanked row would only leave a nameless stand-in on the team.
   */
  async erase(manager: EntityManager, email: string): Promise<ErasedContact[]> {
    const contacts = await manager.find(Contact, {
      select: { id: true, projectId: true },
      where: { email: email.toLowerCase() },
    });
    if (contacts.length > 0) await manager.delete(Contact, { id: In(contacts.map((c) => c.id)) });
    return contacts.map(({ id, projectId }) => ({ id, projectId }));
  }

  /**
   * Deletes, in the caller's transaction, the contacts of every project whose enrollments have all
   * ended (abandoned, or at the stage of the `operating` milestone) with their last move before
   * `cutoff`: what the service no longer needs to keep (Law 25). Answers the contacts erased and how
   * many projects they were on.
   */
  async eraseOfProjectsEndedBefore(
    manager: EntityManager,
    cutoff: Date,
  ): Promise<{ contacts: ErasedContact[]; projects: number }> {
    const projectIds = (await preparedQuery<{ projectId: unknown }>(manager, ENDED_PROJECTS_SQL, { cutoff })).map(
      (row) => Number(row.projectId),
    );
    if (projectIds.length === 0) return { contacts: [], projects: 0 };
    const contacts = await manager.find(Contact, {
      select: { id: true, projectId: true },
      where: { projectId: In(projectIds) },
    });
    await manager.delete(Contact, { id: In(contacts.map((c) => c.id)) });
    return { contacts: contacts.map(({ id, projectId }) => ({ id, projectId })), projects: projectIds.length };
  }
}

/** Projects with contacts whose every enrollment has ended, the last of them moved before :cutoff. */
const ENDED_PROJECTS_SQL = `
  SELECT e.project_id AS "projectId"
  FROM enrollments e
  JOIN stages s ON s.program_code = e.program_code AND s.code = e.stage_code
  WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.project_id = e.project_id)
  GROUP BY e.project_id
  HAVING SUM(CASE WHEN e.status = 'abandoned' OR s.milestone = 'operating' THEN 0 ELSE 1 END) = 0
     AND MAX(e.last_moved_at) < :cutoff
  ORDER BY e.project_id`;
