import type { AuditedChange } from '../audit/audit-trail.js';
import type { Contact } from './contact.entity.js';
import type { Project } from './project.entity.js';

/** A project as it is created, by hand or by an import: no snooze yet, no bookkeeping. */
export type CreatedProject = Pick<
  Project,
  'id' | 'name' | 'sector' | 'kind' | 'coopType' | 'region' | 'entrepreneurCount' | 'advisorId' | 'fictitious'
>;

/** A contact as it is created; its details are blanked in the trail once it is erased. */
export type CreatedContact = Pick<
  Contact,
  'id' | 'projectId' | 'name' | 'email' | 'language' | 'consentPurpose' | 'consentOn'
>;

/** What the trail needs of an erased contact: which one, on which project. */
export type ErasedContact = Pick<Contact, 'id' | 'projectId'>;

/**
 * A project's creation as the trail records it, picked field by field so that a project created
 * through the API and one an import creates read the same in the trail.
 */
export function projectCreation(project: CreatedProject): AuditedChange {
  const { id, name, sector, kind, coopType, region, entrepreneurCount, advisorId, fictitious } = project;
  return {
    entity: 'project',
    id,
    projectId: id,
    after: { name, sector, kind, coopType, region, entrepreneurCount, advisorId, fictitious },
  };
}

export function contactCreation(contact: CreatedContact): AuditedChange {
  const { id, projectId, name, email, language, consentPurpose, consentOn } = contact;
  return { entity: 'contact', id, projectId, after: { name, email, language, consentPurpose, consentOn } };
}
