/**
 * What the audit trail records changes of. Stage moves are not among them: `transitions` is
 * their record. A snooze is a change of its project; an enrollment's entry is a move, its change
 * of cohort is not.
 */
export const AUDITED_ENTITIES = [
  'project',
  'enrollment',
  'contact',
  'cohort',
  'program',
  'stage',
  'user',
  'follow_up',
  'note',
  'rating',
  'time_entry',
  'job_count',
  'funding_request',
  'financing_source',
  'intervention_type',
  'organization',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** erase: a contact forgotten (Law 25), recorded without the details it held. */
export const AUDIT_ACTIONS = ['create', 'change', 'delete', 'erase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The details of a contact that the trail forgets with them. */
export const CONTACT_DETAILS = ['name', 'email'] as const;
