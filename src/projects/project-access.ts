import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { forbidden } from '../common/domain-error.js';
import type { Project } from './project.entity.js';

/** Coordinators and admins change any project; an advisor changes the projects assigned to them. */
export function assertCanChange(user: AuthenticatedUser, project: Pick<Project, 'id' | 'advisorId'>): void {
  if (isManager(user)) return;
  if (user.role === 'advisor' && project.advisorId === user.id) return;
  if (user.role === 'advisor') {
    throw forbidden(`Project ${project.id} is assigned to another advisor: only they or a coordinator can change it`);
  }
  throw forbidden(`Your role (${user.role}) reads projects but does not change them`);
}

/** Contacts are personal information: staff who accompany or manage projects see them, viewers do not. */
export const canSeeContacts = (user: AuthenticatedUser) => user.role !== 'viewer';

/**
 * Notes, reasons and outcomes are written about people by those who accompany them, not for every
 * reader: viewers get stages, dates and figures, and none of that text.
 */
export const canReadFreeText = (user: AuthenticatedUser) => user.role !== 'viewer';

/** Staff e-mail addresses are for staff, as the users list is: viewers read an advisor's name only. */
export const canSeeStaffEmails = (user: AuthenticatedUser) => user.role !== 'viewer';
